/**
 * The model a generated sequence is resolved against: the spec's world plus a short history of
 * reclaimed IDs (stale numbers a misbehaving caller might still use), and whether the step just
 * run was a `fail_nth` (D32) that armed the next call.
 */
import type { Command } from "../../api/commands.js";
import type { World } from "../../spec/world.js";
import { initialWorld } from "../../spec/world.js";

/** How many reclaimed IDs the model remembers. */
export const RECENT_LIMIT = 8;

/** Model state of the suite. */
export interface Model {
  readonly world: World;
  /** Recently reclaimed IDs, newest last. */
  readonly recent: readonly number[];
  /** The n of the `fail_nth` just run (the next call is armed, D32); 0 when the last step was another command. */
  readonly fault: number;
}

/** A fresh model with a small capacity, so quota and capacity limits are reachable. */
export const initialModel = (capacity = 24): Model => ({ world: initialWorld({ capacity }), recent: [], fault: 0 });

/** The n a `fail_nth` arms with (D32): an integer >= 1, else 0 (arms nothing). */
export const faultOf = (cmd: Command): number => (cmd.op === "fail_nth" && Number.isInteger(cmd.n) && cmd.n >= 1 ? cmd.n : 0);

/**
 * The model after the step `cmd`: the new world, with IDs that disappeared remembered as recent,
 * and `fault` set when `cmd` is a `fail_nth`.
 */
export const advanceModel = (m: Model, world: World, cmd: Command): Model => {
  const fault = faultOf(cmd);
  if (world.core.ids === m.world.core.ids) return { world, recent: m.recent, fault };
  const gone = [...m.world.core.ids.keys()].filter((id) => !world.core.ids.has(id));
  if (gone.length === 0) return { world, recent: m.recent, fault };
  return { world, recent: [...m.recent, ...gone].slice(-RECENT_LIMIT), fault };
};
