/**
 * Pairwise situations of the core coverage gate: combinations that rare lifetime bugs need and
 * that a suite reaches late unless it is watched for them. Each is a coverage key `pair:<name>`
 * counted when a step reaches it.
 *
 * Situations:
 *  - unbind-while-bound-elsewhere: an UNBIND of an ID that another device still has bound.
 *  - free-while-bound-twice: a free (or a set teardown) of an ID bound on two or more devices.
 *  - set-destroyed-with-mm-notifiers: a set destroyed while MM notifiers were attached to it
 *    (they go back to pending, D24).
 *  - three-allocators: three or more custom allocator ops registered at once.
 *  - handler-after-put-during-free: while FREE of an ID is delivered, a handler calls back on it
 *    after another handler already put its reference.
 */
import type { Command } from "../../api/commands.js";
import type { Outcome } from "../../api/outcome.js";
import type { CoreState } from "../../spec/state.js";

/** The gate cases of this file. */
export const PAIR_GATE: readonly string[] = [
  "pair:unbind-while-bound-elsewhere", "pair:free-while-bound-twice", "pair:set-destroyed-with-mm-notifiers",
  "pair:three-allocators", "pair:handler-after-put-during-free",
];

const freedIds = (before: CoreState, after: CoreState): readonly number[] =>
  [...before.ids.values()].filter((r) => r.state === "ALLOCATED" && (after.ids.get(r.id)?.state ?? "gone") !== "ALLOCATED").map((r) => r.id);

/** Did a handler call back on an ID after another handler put it, while its FREE was delivered? */
const handlerAfterPut = (o: Outcome): boolean => {
  const freeing = new Set<number>();
  const putBy = new Map<number, string>();
  for (const e of o.events) {
    if (e.kind === "deliver") {
      if (e.delivery.event === "FREE") freeing.add(e.delivery.id);
      continue;
    }
    if (e.context !== "handler" || !freeing.has(e.id)) continue;
    const who = putBy.get(e.id);
    if (who !== undefined && who !== e.notifier) return true;
    if (e.call === "put_locked" && e.result.ok) putBy.set(e.id, e.notifier);
  }
  return false;
};

/** The pair keys one step reached, given the spec's states before and after it. */
export const pairKeys = (before: CoreState, after: CoreState, cmd: Command, o: Outcome): readonly string[] => {
  const keys: string[] = [];
  if (cmd.op === "notify" && cmd.event === "UNBIND" && o.result.ok && (before.ids.get(cmd.id)?.binds ?? 0) >= 2) keys.push("pair:unbind-while-bound-elsewhere");
  // The spec's states share what a step left unchanged: an unchanged map has nothing freed or destroyed.
  if (before.ids !== after.ids && freedIds(before, after).some((id) => (before.ids.get(id)?.binds ?? 0) >= 2)) keys.push("pair:free-while-bound-twice");
  if (before.sets !== after.sets && before.notifiers.length > 0) {
    const destroyed = [...before.sets.keys()].filter((h) => !after.sets.has(h));
    if (destroyed.some((h) => before.notifiers.some((n) => n.scope.kind === "mm" && n.scope.attached === h))) keys.push("pair:set-destroyed-with-mm-notifiers");
  }
  if (after.allocators.length >= 3) keys.push("pair:three-allocators");
  if (o.events.length > 1 && handlerAfterPut(o)) keys.push("pair:handler-after-put-during-free");
  return keys;
};
