/**
 * Capacity and quota edges: quotas that seek the limits the core must get exactly right.
 * `room` is the capacity no set reserves (live and dying sets count; a destroyed set's quota is
 * back in the room). Every list puts the exact fit first, then one under, one over, the whole.
 *
 * Rules:
 *  1. Values are computed from the model at resolution time, so they stay on the edge while
 *     fast-check shrinks the sequence around them.
 *  2. Some values are refusals on purpose (one over the room, a quota below what a set holds):
 *     the edge is where an off-by-one either way shows.
 */
import { heldCount, reservedQuota } from "../../spec/derived.js";
import type { Model } from "./model.js";

const room = (m: Model): number => m.world.core.config.capacity - reservedQuota(m.world.core);

/** Edge quotas for a new set: exactly the room left, one under, one over, the whole capacity. */
export const edgeNewQuotas = (m: Model): readonly number[] => {
  const r = room(m);
  return [r, r - 1, r + 1, m.world.core.config.capacity];
};

/**
 * Edge quotas for adjust_set on `set`: growing to exactly the room left (and one under, one
 * over), shrinking to exactly what it holds (and one under), the whole capacity.
 */
export const edgeAdjustedQuotas = (m: Model, set: number): readonly number[] => {
  const q = m.world.core.sets.get(set)?.quota ?? 0;
  const r = room(m);
  const held = heldCount(m.world.core, set);
  return [q + r, q + r - 1, q + r + 1, held, held - 1, m.world.core.config.capacity];
};
