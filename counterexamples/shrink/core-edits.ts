/**
 * The argument edits of a core trace, in the order renumbering tries them.
 *
 * Rules:
 *  1. Alloc ranges go to the ordinary [1, 0xFFFFF]; quotas go toward 1.
 *  2. SPIDs, mm tokens (of sets and of mm notifiers) and NULL token values go toward the smallest
 *     values, each namespace renamed as a whole first (edits.ts rule 3).
 *  3. Set handles and IDs are renumbered only where they are stale or foreign: never returned by
 *     an earlier step (an alloc_set for handles, an alloc or find_by_spid for IDs). Returned ones
 *     follow the implementation (replay.ts rule 2).
 *  4. Notifier names go toward the canonical "a", "b", ... (all occurrences of a name at once).
 *  5. Reactions go toward the empty reaction, then lose one event or call at a time; private
 *     data goes to null and find getters to "none". Priorities are left alone.
 *  6. A fail_nth's n goes toward 1 (each step on its own: the first allocation of the call it
 *     arms); deleting a fail_nth is the step deletion's.
 */
import type { Command } from "../../api/commands.js";
import type { Reaction } from "../../api/reaction.js";
import { SILENT } from "../../api/reaction.js";
import { MAX_IOASID } from "../../api/constants.js";
import type { EditGroup, NumberField, Try } from "./edits.js";
import { numberGroups, stepEdit } from "./edits.js";

/** Was `v` returned before step i by a step that returns a set handle (or an ID)? */
const returnedBefore = (cmds: readonly Command[], values: readonly (number | null)[], i: number, v: number, handle: boolean): boolean =>
  cmds.slice(0, i).some((c, j) => values[j] === v && (handle ? c.op === "alloc_set" : c.op === "alloc" || c.op === "find_by_spid"));

const NUMBER_FIELDS: readonly NumberField<Command>[] = [
  { ns: "quota", lo: 1, read: (c) => (c.op === "alloc_set" || c.op === "adjust_set" ? c.quota : null), write: (c, v) => (c.op === "alloc_set" || c.op === "adjust_set" ? { ...c, quota: v } : c) },
  { ns: "fail-nth", lo: 1, read: (c) => (c.op === "fail_nth" ? c.n : null), write: (c, v) => (c.op === "fail_nth" ? { ...c, n: v } : c) },
  { ns: "spid", lo: 1, read: (c) => (c.op === "attach_spid" || c.op === "find_by_spid" ? c.spid : null), write: (c, v) => (c.op === "attach_spid" || c.op === "find_by_spid" ? { ...c, spid: v } : c) },
  { ns: "mm", lo: 1, read: (c) => (c.op === "alloc_set" && c.token.type === "mm" ? c.token.mm : null), write: (c, v) => (c.op === "alloc_set" && c.token.type === "mm" ? { ...c, token: { type: "mm", mm: v } } : c) },
  { ns: "mm", lo: 1, read: (c) => (c.op === "register_notifier_mm" || c.op === "unregister_notifier_mm" ? c.mm : null), write: (c, v) => (c.op === "register_notifier_mm" || c.op === "unregister_notifier_mm" ? { ...c, mm: v } : c) },
  { ns: "null-token", lo: 0, read: (c) => (c.op === "alloc_set" && c.token.type === "null" ? c.token.value : null), write: (c, v) => (c.op === "alloc_set" && c.token.type === "null" ? { ...c, token: { type: "null", value: v } } : c) },
  {
    ns: "stale-set", lo: 1,
    read: (c) => ("set" in c && typeof c.set === "number" ? c.set : null),
    write: (c, v) => ("set" in c && typeof c.set === "number" ? { ...c, set: v } : c),
    applies: (cmds, values, i) => { const c = cmds[i]; return c !== undefined && "set" in c && typeof c.set === "number" && !returnedBefore(cmds, values, i, c.set, true); },
  },
  {
    ns: "stale-id", lo: 1,
    read: (c) => ("id" in c ? c.id : null),
    write: (c, v) => ("id" in c ? { ...c, id: v } : c),
    applies: (cmds, values, i) => { const c = cmds[i]; return c !== undefined && "id" in c && !returnedBefore(cmds, values, i, c.id, false); },
  },
];

/** Rule 1: the ordinary range. */
const rangeGroup = (i: number): EditGroup<Command> => stepEdit(i, (c) => (c.op === "alloc" ? { ...c, min: 1, max: MAX_IOASID } : null));

const LETTERS = ["a", "b", "c", "d", "e", "f", "g", "h"] as const;
const nameOf = (c: Command): string | null =>
  c.op === "register_notifier" || c.op === "unregister_notifier" || c.op === "register_notifier_mm" || c.op === "unregister_notifier_mm" ? c.name : null;
const withName = (c: Command, name: string): Command =>
  c.op === "register_notifier" || c.op === "unregister_notifier" || c.op === "register_notifier_mm" || c.op === "unregister_notifier_mm" ? { ...c, name } : c;

/** Rule 4: rename `from` to each earlier letter in turn. */
const nameGroup = (from: string): EditGroup<Command> => {
  const rank = LETTERS.findIndex((l) => l === from);
  const targets = LETTERS.slice(0, rank < 0 ? LETTERS.length : rank);
  return targets.map((to): Try<Command> => (cmds) => (cmds.some((c) => nameOf(c) === from) ? cmds.map((c) => (nameOf(c) === from ? withName(c, to) : c)) : null));
};

const reactionOf = (c: Command): Reaction | null => (c.op === "register_notifier" || c.op === "register_notifier_mm" ? c.reaction : null);
const withReaction = (c: Command, reaction: Reaction): Command => (c.op === "register_notifier" || c.op === "register_notifier_mm" ? { ...c, reaction } : c);
const without = <T>(xs: readonly T[], j: number): readonly T[] => xs.filter((_, k) => k !== j);

/** Rule 5: silence, then drop one element of `on`, `now` or `later`. */
const reactionGroups = (i: number, r: Reaction): readonly EditGroup<Command>[] => [
  stepEdit(i, (c) => withReaction(c, SILENT)),
  ...r.on.map((_, j) => stepEdit<Command>(i, (c) => { const x = reactionOf(c); return x === null || j >= x.on.length ? null : withReaction(c, { ...x, on: without(x.on, j) }); })),
  ...r.now.map((_, j) => stepEdit<Command>(i, (c) => { const x = reactionOf(c); return x === null || j >= x.now.length ? null : withReaction(c, { ...x, now: without(x.now, j) }); })),
  ...r.later.map((_, j) => stepEdit<Command>(i, (c) => { const x = reactionOf(c); return x === null || j >= x.later.length ? null : withReaction(c, { ...x, later: without(x.later, j) }); })),
];

/** Rule 5: ordinary data and getters. */
const plainGroup = (i: number): EditGroup<Command> => stepEdit(i, (c) => {
  if (c.op === "alloc" || c.op === "attach_data") return { ...c, data: null };
  if (c.op === "find") return { ...c, getter: "none" };
  return null;
});

/** Every edit group of a core trace, in order. */
export const coreEditGroups = (cmds: readonly Command[], values: readonly (number | null)[]): readonly EditGroup<Command>[] => {
  const names = [...new Set(cmds.flatMap((c) => { const n = nameOf(c); return n === null ? [] : [n]; }))];
  return [
    ...cmds.map((_, i) => rangeGroup(i)),
    ...numberGroups(cmds, values, NUMBER_FIELDS),
    ...names.map(nameGroup),
    ...cmds.flatMap((c, i) => { const r = reactionOf(c); return r === null ? [] : reactionGroups(i, r); }),
    ...cmds.map((_, i) => plainGroup(i)),
  ];
};
