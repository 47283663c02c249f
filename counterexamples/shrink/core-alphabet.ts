/**
 * The abstract core commands the breadth-first search resolves in every state: per command kind,
 * a small fixed set of seeds around the most ordinary choice.
 *
 * Rules:
 *  1. Every kind starts from seeds [0, 0, 0, 0] and the silent reaction: what fast-check's
 *     shrinking moves toward (the first live set, the first allocated ID, ...).
 *  2. Each seed position then varies alone over the values that reach each category of the pick
 *     it feeds (properties/core/picks.ts): e.g. for an ID a held, a pending, an SPID-carrying, a
 *     recently reclaimed and a boundary ID; for a set a dying one, another live one, an unknown one.
 *     Kept small on purpose, since every variant multiplies the states: two notifier names and two
 *     priorities (CPU, DEVICE), no private data at alloc (attach_data has it), and the calls that
 *     only work inside a handler (the *_locked ones) with the ordinary choice only.
 *  3. Registrations also vary the reaction over three: silent, "take a reference on BIND", and
 *     "put later on FREE".
 *  4. The suite's own resolve (properties/core/resolve.ts) turns these into concrete commands;
 *     duplicates are removed by the search.
 */
import type { CommandKind } from "../../api/commands.js";
import type { Reaction } from "../../api/reaction.js";
import { SILENT } from "../../api/reaction.js";
import type { AbstractCommand } from "../../properties/core/abstract-command.js";
import { COMMAND_KINDS } from "../../properties/core/arbitrary.js";

type Positions = readonly [readonly number[], readonly number[], readonly number[], readonly number[]];

/** Seeds reaching each category of a pick (rule 2). */
const SET = [0, 6, 16, 20, 21];
const SET_TO_RELEASE = [0, 6, 9, 210];
const SET_FOR_ID = [0, 12, 15];
const ID = [0, 10, 15, 18, 20, 22, 23];
const NONE: readonly number[] = [0];
const NAMES = [0, 4];
const PRIORITIES = [0, 1];

/** Rule 3. */
export const REACTIONS: readonly Reaction[] = [
  SILENT,
  { on: ["BIND"], now: ["get_locked"], later: [] },
  { on: ["FREE"], now: [], later: ["put"] },
];

/** Rule 2: the values each seed position takes, per kind (a switch with no default: exhaustive by its return type). */
function positions(op: CommandKind): Positions {
  switch (op) {
    case "alloc_set": return [[0, 1], [0, 3, 5], NONE, NONE];
    case "adjust_set": return [SET, [0, 1, 3], NONE, NONE];
    case "set_get":
    case "for_each_ioasid": return [SET, NONE, NONE, NONE];
    case "set_put": return [SET_TO_RELEASE, NONE, NONE, NONE];
    case "set_get_locked":
    case "set_put_locked":
    case "get_locked":
    case "put_locked":
    case "unregister_notifier_mm":
    case "run_work": return [NONE, NONE, NONE, NONE];
    case "alloc": return [SET, [0, 3], NONE, NONE];
    case "free":
    case "get":
    case "put":
    case "detach_spid": return [SET_FOR_ID, ID, NONE, NONE];
    case "find": return [SET_FOR_ID, ID, [0, 1, 2], NONE];
    case "attach_data": return [SET_FOR_ID, ID, [0, 1], NONE];
    case "attach_spid": return [SET_FOR_ID, ID, [0, 6, 11], NONE];
    case "find_by_spid": return [NONE, NONE, [0, 8, 10, 12, 14, 15], NONE];
    case "register_notifier": return [NONE, NAMES, PRIORITIES, [0, 1]];
    case "register_notifier_mm": return [NONE, NAMES, PRIORITIES, NONE];
    case "unregister_notifier": return [NONE, NAMES, NONE, [0, 1]];
    case "notify": return [SET_FOR_ID, ID, [0, 6, 16, 9, 19], NONE];
    case "register_allocator": return [[0, 1], [0, 2], NONE, NONE];
    case "unregister_allocator": return [[0, 1], NONE, NONE, NONE];
  }
}

const withSeed = (seeds: readonly [number, number, number, number], p: number, v: number): readonly [number, number, number, number] =>
  [p === 0 ? v : seeds[0], p === 1 ? v : seeds[1], p === 2 ? v : seeds[2], p === 3 ? v : seeds[3]];

/** Rules 1 to 3 for one kind. */
export const abstractCommandsOf = (op: CommandKind): readonly AbstractCommand[] => {
  const base: readonly [number, number, number, number] = [0, 0, 0, 0];
  const out: AbstractCommand[] = [{ op, seeds: base, reaction: SILENT }];
  positions(op).forEach((values, p) => {
    for (const v of values) if (v !== 0) out.push({ op, seeds: withSeed(base, p, v), reaction: SILENT });
  });
  if (op === "register_notifier" || op === "register_notifier_mm") {
    for (const reaction of REACTIONS) if (reaction !== SILENT) out.push({ op, seeds: base, reaction });
  }
  return out;
};

/** The whole alphabet, in the suite's kind order. */
export const CORE_ALPHABET: readonly AbstractCommand[] = COMMAND_KINDS.flatMap(abstractCommandsOf);
