/**
 * The model a generated sequence is resolved against: the spec's world plus a short history of
 * reclaimed IDs (stale numbers a misbehaving caller might still use).
 */
import type { World } from "../../spec/world.js";
import { initialWorld } from "../../spec/world.js";

/** How many reclaimed IDs the model remembers. */
export const RECENT_LIMIT = 8;

/** Model state of the suite. */
export interface Model {
  readonly world: World;
  /** Recently reclaimed IDs, newest last. */
  readonly recent: readonly number[];
}

/** A fresh model with a small capacity, so quota and capacity limits are reachable. */
export const initialModel = (capacity = 24): Model => ({ world: initialWorld({ capacity }), recent: [] });

/** The model after a step: the new world, with IDs that disappeared remembered as recent. */
export const advanceModel = (m: Model, world: World): Model => {
  if (world.core.ids === m.world.core.ids) return { world, recent: m.recent };
  const gone = [...m.world.core.ids.keys()].filter((id) => !world.core.ids.has(id));
  if (gone.length === 0) return { world, recent: m.recent };
  return { world, recent: [...m.recent, ...gone].slice(-RECENT_LIMIT) };
};
