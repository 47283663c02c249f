/**
 * The arbitrary of abstract commands, weighted toward the calls that move IDs through their
 * life (alloc, get/put, free, bind) and toward handlers that call back into the core. Fault
 * injection (fail_nth, D32) is rare; what follows it is steered by resolve.ts.
 */
import fc from "fast-check";
import type { CommandKind } from "../../api/commands.js";
import { Reaction, SILENT } from "../../api/reaction.js";
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

const seedsArb = fc.tuple(seed, seed, seed, seed);

/** The seeds of `v` if it is an abstract command of kind `op` (the unmapper of KIND_ARBS). */
const seedsOf = (op: CommandKind, v: unknown): [number, number, number, number] => {
  if (typeof v === "object" && v !== null && "op" in v && v.op === op && "seeds" in v && Array.isArray(v.seeds) && v.seeds.length === 4) {
    const [a, b, c, d]: unknown[] = v.seeds;
    if (typeof a === "number" && typeof b === "number" && typeof c === "number" && typeof d === "number") return [a, b, c, d];
  }
  throw new Error(`not an abstract ${op} command`);
};
const reactionOf = (v: unknown): Reaction => {
  if (typeof v === "object" && v !== null && "reaction" in v && Reaction.is(v.reaction)) return v.reaction;
  throw new Error("not an abstract registration command");
};

/**
 * The commands of one kind: four seeds, and a reaction for the registrations. Built once per
 * kind and shared by every weighting (a swarm builds only its oneof): a tuple mapped to the
 * command costs less per generated command than a record.
 */
const KIND_ARBS: ReadonlyMap<CommandKind, fc.Arbitrary<AbstractCommand>> = new Map(
  COMMAND_KINDS.map((op) => [op,
    op.startsWith("register_notifier")
      ? fc.tuple(seedsArb, reactionArb).map(([seeds, reaction]): AbstractCommand => ({ op, seeds, reaction }), (v) => [seedsOf(op, v), reactionOf(v)])
      : seedsArb.map((seeds): AbstractCommand => ({ op, seeds, reaction: SILENT }), (v) => seedsOf(op, v))]),
);

/** One abstract command, each kind weighted by `weightOf` (the default weights unless given; 0 leaves a kind out). */
export const abstractCommandArbWith = (weightOf: (op: CommandKind) => number): fc.Arbitrary<AbstractCommand> => fc.oneof(
  ...COMMAND_KINDS.filter((op) => weightOf(op) > 0).flatMap((op) => {
    const arbitrary = KIND_ARBS.get(op);
    return arbitrary === undefined ? [] : [{ weight: weightOf(op), arbitrary }];
  }),
);

/** One abstract command, with the default weights. */
export const abstractCommandArb: fc.Arbitrary<AbstractCommand> = abstractCommandArbWith((op) => COMMAND_WEIGHTS[op]);
