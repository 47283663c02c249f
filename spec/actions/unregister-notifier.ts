/**
 * unregister_notifier(set, name): remove a notifier from the global chain (set null) or from a
 * set's own chain. Guard: thread context; the set exists (EINVAL, D2); the name registered in that
 * scope (ENOENT, D22). Effect: the registration is gone.
 */
import type { CallOf } from "../../api/commands.js";
import type { Step, StepContext } from "../step-types.js";
import { done, refuse } from "../step-types.js";
import { contextRefusal, existingSet, isRefused } from "../guards.js";
import type { NotifierRecord } from "../state.js";

export const unregisterNotifier = <E>(ctx: StepContext<E>, c: CallOf<"unregister_notifier">): Step<E> => {
  const s = ctx.sys.core;
  const busy = contextRefusal(s, false);
  if (busy !== null) return busy;
  if (c.set !== null) {
    const set = existingSet(s, c.set);
    if (isRefused(set)) return set;
  }
  const inScope = (n: NotifierRecord): boolean =>
    n.name === c.name && (c.set === null ? n.scope.kind === "global" : n.scope.kind === "set" && n.scope.set === c.set);
  if (!s.notifiers.some(inScope)) return refuse("ENOENT");

  return done(ctx.sys, { ...s, notifiers: s.notifiers.filter((n) => !inScope(n)) });
};
