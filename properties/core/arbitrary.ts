/**
 * The arbitrary of abstract commands, weighted toward the calls that move IDs through their
 * life (alloc, get/put, free, bind) and toward handlers that call back into the core. Fault
 * injection (fail_nth, D32) is rare; what follows it is steered by resolve.ts.
 */
import fc from "fast-check";
import type { CommandKind } from "../../api/commands.js";
import type { Reaction } from "../../api/reaction.js";
import type { AbstractCommand } from "./abstract-command.js";

/** Relative weight of each command kind. */
export const COMMAND_WEIGHTS: Readonly<Record<CommandKind, number>> = {
  alloc_set: 3, adjust_set: 2, set_get: 1, set_get_locked: 1, set_put: 3, set_put_locked: 1, for_each_ioasid: 1,
  alloc: 14, free: 4, get: 5, get_locked: 1, put: 5, put_locked: 1, find: 3, attach_data: 1,
  attach_spid: 4, detach_spid: 1, find_by_spid: 4, register_notifier: 3, unregister_notifier: 1,
  register_notifier_mm: 3, unregister_notifier_mm: 1, notify: 5, register_allocator: 1,
  unregister_allocator: 1, run_work: 5, fail_nth: 2,
};

/**
 * Reactions: mostly the useful ones (take a reference, give it back later), sometimes wrong ones,
 * and lookups a real subscriber makes (find, for_each_ioasid, even alloc and free: D31).
 */
const anyReactionArb: fc.Arbitrary<Reaction> = fc.record({
  on: fc.subarray(["ALLOC", "FREE", "BIND", "UNBIND"] as const, { minLength: 0 }),
  now: fc.array(fc.constantFrom("get_locked", "get_locked", "put_locked", "set_get_locked", "set_put_locked", "get", "free", "find", "for_each_ioasid", "alloc"), { maxLength: 2 }),
  later: fc.array(fc.constantFrom("put", "put", "put_locked", "get", "free", "find", "for_each_ioasid", "alloc"), { maxLength: 2 }),
});

/** A subscriber that drops its reference when told of FREE, then calls back once more (or not). */
const dropsOnFreeArb: fc.Arbitrary<Reaction> = fc.record({
  on: fc.constant(["FREE"] as const),
  now: fc.tuple(fc.constant("put_locked" as const), fc.constantFrom("get_locked", "put_locked", "find", "free")).map(([a, b]) => [a, b] as const),
  later: fc.constant([]),
});

export const reactionArb: fc.Arbitrary<Reaction> = fc.oneof({ weight: 4, arbitrary: anyReactionArb }, { weight: 1, arbitrary: dropsOnFreeArb });

const seed = fc.nat({ max: 1 << 20 });

/** Is `k` a command kind? */
export const isCommandKind = (k: string): k is CommandKind => Object.hasOwn(COMMAND_WEIGHTS, k);

/** Every command kind. */
export const COMMAND_KINDS: readonly CommandKind[] = Object.keys(COMMAND_WEIGHTS).filter(isCommandKind);

/** One abstract command, each kind weighted by `weightOf` (the default weights unless given; 0 leaves a kind out). */
export const abstractCommandArbWith = (weightOf: (op: CommandKind) => number): fc.Arbitrary<AbstractCommand> => fc.oneof(
  ...COMMAND_KINDS.filter((op) => weightOf(op) > 0).map((op) => ({
    weight: weightOf(op),
    arbitrary: fc.record({
      op: fc.constant(op),
      seeds: fc.tuple(seed, seed, seed, seed),
      reaction: op.startsWith("register_notifier") ? reactionArb : fc.constant<Reaction>({ on: [], now: [], later: [] }),
    }),
  })),
);

/** One abstract command, with the default weights. */
export const abstractCommandArb: fc.Arbitrary<AbstractCommand> = abstractCommandArbWith((op) => COMMAND_WEIGHTS[op]);
