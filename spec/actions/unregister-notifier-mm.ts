/**
 * unregister_notifier_mm(mm, name): remove a notifier registered for `mm`, pending or attached.
 * Guard: thread context; a positive mm (EINVAL); the name registered for that mm (ENOENT, D22).
 * Effect: the registration is gone.
 */
import type { CallOf } from "../../api/commands.js";
import type { Step, StepContext } from "../step-types.js";
import { done, refuse } from "../step-types.js";
import { contextRefusal, isPositiveInt } from "../guards.js";
import type { NotifierRecord } from "../state.js";

export const unregisterNotifierMm = <E>(ctx: StepContext<E>, c: CallOf<"unregister_notifier_mm">): Step<E> => {
  const s = ctx.sys.core;
  const busy = contextRefusal(s, false);
  if (busy !== null) return busy;
  if (!isPositiveInt(c.mm)) return refuse("EINVAL");
  const inScope = (n: NotifierRecord): boolean => n.name === c.name && n.scope.kind === "mm" && n.scope.mm === c.mm;
  if (!s.notifiers.some(inScope)) return refuse("ENOENT");

  return done(ctx.sys, { ...s, notifiers: s.notifiers.filter((n) => !inScope(n)) });
};
