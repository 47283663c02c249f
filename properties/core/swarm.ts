/**
 * Swarm testing for the core suite (Groce et al., "Swarm Testing", ISSTA 2012): each run draws
 * its own mix of command kinds (some left out, some thinned), so some runs dwell on a few kinds
 * and reach their rare combinations (three allocators, a set torn down under pending MM
 * notifiers, a second bind) early instead of spreading every run thinly over all kinds.
 *
 * Rules:
 *  1. A swarm is part of the generated input of a run (fast-check draws it first, then the
 *     commands from it), so the run's seed and path reproduce it exactly.
 *  2. alloc_set and alloc always keep their weight: without them nothing else resolves. Half the
 *     runs keep every kind's weight; in the others each remaining kind keeps it (4/8), is boosted
 *     threefold (1/8), thinned to a third (2/8) or left out (1/8). Gentler than the system
 *     suite's swarm: most core bugs need four or five kinds together, and a kind left out
 *     removes them all.
 *  3. The swarm changes only the weights of the kinds generated, never a command: a left-out
 *     kind is not generated at all, so a run's budget is not spent on skipped commands.
 */
import fc from "fast-check";
import type { CommandKind } from "../../api/commands.js";
import { COMMAND_KINDS, COMMAND_WEIGHTS } from "./arbitrary.js";

/** One run's swarm: the weight of each kind (0: left out). */
export interface CoreSwarm {
  readonly weights: ReadonlyMap<CommandKind, number>;
}

/** Rule 2: the kinds every run keeps. */
export const ESSENTIAL_CORE_KINDS: ReadonlySet<CommandKind> = new Set<CommandKind>(["alloc_set", "alloc"]);

/** Rule 2: per draw, the weight multiplier in thirds (3 kept, 9 boosted, 1 thinned, 0 left out). */
const THIRDS: readonly number[] = [3, 3, 3, 3, 9, 1, 1, 0];

/** A swarm keeping every kind's weight. */
export const FULL_CORE_SWARM: CoreSwarm = { weights: new Map(COMMAND_KINDS.map((k) => [k, 3 * COMMAND_WEIGHTS[k]])) };

/** Rules 1 and 2. */
export const coreSwarmArb: fc.Arbitrary<CoreSwarm> = (() => {
  const optional = COMMAND_KINDS.filter((k) => !ESSENTIAL_CORE_KINDS.has(k));
  return fc.record({
    partial: fc.boolean(),
    mix: fc.array(fc.nat({ max: THIRDS.length - 1 }), { minLength: optional.length, maxLength: optional.length }),
  }).map(({ partial, mix }) => ({
    weights: new Map(COMMAND_KINDS.map((k) => {
      const thirds = !partial || ESSENTIAL_CORE_KINDS.has(k) ? 3 : (THIRDS[mix[optional.indexOf(k)] ?? 0] ?? 3);
      return [k, thirds * COMMAND_WEIGHTS[k]];
    })),
  }));
})();

/** A swarm as one line, for reports. */
export const coreSwarmText = (s: CoreSwarm): string => {
  const off = COMMAND_KINDS.filter((k) => (s.weights.get(k) ?? 0) === 0);
  const thin = COMMAND_KINDS.filter((k) => { const w = s.weights.get(k) ?? 0; return w > 0 && w < 3 * COMMAND_WEIGHTS[k]; });
  return `left out: ${off.join(", ") || "none"}; thinned: ${thin.join(", ") || "none"}`;
};
