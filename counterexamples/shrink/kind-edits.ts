/**
 * Replacements by simpler commands of another kind, and simpler handlers, for core traces: the
 * moves that deleting steps and shrinking numbers cannot make, tried by renumber.ts's greedy
 * passes (each kept only if the failure class is kept).
 *
 * Rules:
 *  1. find_by_spid(set, spid), which took a reference on the ID it returned, becomes get(set, id)
 *     on that ID: the SPID it needed can then be deleted.
 *  2. register_notifier_mm(mm) becomes register_notifier on the set that mm's alloc_set returned
 *     before it, or on the global chain; register_notifier on a set becomes global.
 *  3. An MM token becomes a NULL token (value 0); a set_put that frees the set's IDs becomes a
 *     free of one of them (the set's other uses can then go).
 *  4. A reaction listening to several events listens to one of them; a reaction's call made
 *     inside the handler moves to deferred work and back (with its run_work, the story may be
 *     shorter the other way round).
 *  5. A run_work becomes the call its work item made, as a command of its own: for a
 *     registered reaction deferring one call, on each ID an earlier alloc returned (the event
 *     that queued the item may then go).
 *  6. Each replacement is one group per step, its candidates in the order above.
 */
import type { Command } from "../../api/commands.js";
import type { Reaction } from "../../api/reaction.js";
import { handlerCallToCore } from "../../spec/world.js";
import type { EditGroup, Try } from "./edits.js";

const at = (i: number, f: (c: Command) => Command | null): Try<Command> => (cmds) => {
  const c = cmds[i];
  const next = c === undefined ? null : f(c);
  return next === null || JSON.stringify(next) === JSON.stringify(c) ? null : cmds.map((x, j) => (j === i ? next : x));
};

/** Rule 1. */
const spidToGet = (i: number, values: readonly (number | null)[]): Try<Command> =>
  at(i, (c) => {
    const id = values[i];
    return c.op === "find_by_spid" && typeof id === "number" ? { op: "get", set: c.set, id } : null;
  });

/** Rule 2: the handle the last alloc_set of `mm` before step i returned, if any. */
const setOfMm = (cmds: readonly Command[], values: readonly (number | null)[], i: number, mm: number): number | null => {
  for (let j = i - 1; j >= 0; j--) {
    const c = cmds[j];
    const v = values[j];
    if (c?.op === "alloc_set" && c.token.type === "mm" && c.token.mm === mm && typeof v === "number") return v;
  }
  return null;
};

const notifierEdits = (i: number): readonly Try<Command>[] => [
  (cmds, values) => at(i, (c) => {
    if (c.op !== "register_notifier_mm") return null;
    const set = setOfMm(cmds, values, i, c.mm);
    return set === null ? null : { op: "register_notifier", set, name: c.name, priority: c.priority, reaction: c.reaction };
  })(cmds, values),
  at(i, (c) => (c.op === "register_notifier_mm" ? { op: "register_notifier", set: null, name: c.name, priority: c.priority, reaction: c.reaction } : null)),
  at(i, (c) => (c.op === "register_notifier" && c.set !== null ? { ...c, set: null } : null)),
];

/** Rule 3: free(set, id), one try for each ID an earlier alloc in the set returned. */
const setPutToFree = (i: number, cmds: readonly Command[], values: readonly (number | null)[]): readonly Try<Command>[] => {
  const c = cmds[i];
  if (c === undefined || c.op !== "set_put") return [];
  return cmds.slice(0, i).flatMap((x, k) => {
    const id = values[k];
    return x.op === "alloc" && x.set === c.set && typeof id === "number" ? [at(i, () => ({ op: "free", set: c.set, id }))] : [];
  });
};

/** Rule 3. */
const nullToken = (i: number): Try<Command> =>
  at(i, (c) => (c.op === "alloc_set" && c.token.type === "mm" ? { ...c, token: { type: "null", value: 0 } } : null));

const reactionOf = (c: Command): Reaction | null => (c.op === "register_notifier" || c.op === "register_notifier_mm" ? c.reaction : null);
const withReaction = (c: Command, r: Reaction): Command => (c.op === "register_notifier" || c.op === "register_notifier_mm" ? { ...c, reaction: r } : c);

/** Rule 4. */
const handlerEdits = (i: number, r: Reaction): readonly Try<Command>[] => [
  ...(r.on.length > 1 ? r.on.map((e) => at(i, (c) => { const x = reactionOf(c); return x === null ? null : withReaction(c, { ...x, on: [e] }); })) : []),
  ...r.now.map((_, k) => at(i, (c) => {
    const x = reactionOf(c);
    const call = x?.now[k];
    return x === null || call === undefined ? null : withReaction(c, { ...x, now: x.now.filter((__, j) => j !== k), later: [...x.later, call] });
  })),
  ...r.later.map((_, k) => at(i, (c) => {
    const x = reactionOf(c);
    const call = x?.later[k];
    return x === null || call === undefined ? null : withReaction(c, { ...x, later: x.later.filter((__, j) => j !== k), now: [...x.now, call] });
  })),
];

/** Rule 5. */
const workToCall = (i: number, cmds: readonly Command[], values: readonly (number | null)[]): readonly Try<Command>[] => {
  const calls = [...new Set(cmds.slice(0, i).flatMap((c) => { const r = reactionOf(c); return r !== null && r.later.length === 1 ? r.later : []; }))];
  const targets = cmds.slice(0, i).flatMap((c, k) => { const id = values[k]; return c.op === "alloc" && typeof id === "number" ? [{ id, set: c.set }] : []; });
  return calls.flatMap((call) => targets.map((target) => at(i, (c) => (c.op === "run_work" ? handlerCallToCore(call, target) : null))));
};

/** Rule 6: every replacement group of a core trace. */
export const kindEditGroups = (cmds: readonly Command[], values: readonly (number | null)[]): readonly EditGroup<Command>[] =>
  cmds.flatMap((c, i): EditGroup<Command>[] => {
    const r = reactionOf(c);
    return [
      ...(c.op === "find_by_spid" ? [[spidToGet(i, values)]] : []),
      ...(c.op === "register_notifier_mm" || c.op === "register_notifier" ? [notifierEdits(i)] : []),
      ...(c.op === "alloc_set" && c.token.type === "mm" ? [[nullToken(i)]] : []),
      ...(c.op === "set_put" ? [setPutToFree(i, cmds, values)] : []),
      ...(r === null ? [] : [handlerEdits(i, r)]),
      ...(c.op === "run_work" ? [workToCall(i, cmds, values)] : []),
    ];
  });
