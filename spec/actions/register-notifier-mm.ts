/**
 * register_notifier_mm(mm, nb): a notifier for the MM set of `mm`.
 * Guard: thread context; a name and a positive mm (EINVAL); the name not registered anywhere
 * (EEXIST, D22); if a live set has that mm it holds no ID (EBUSY, D23).
 * Effect: attached to the live MM set, else put on the pending list (D24).
 */
import type { CallOf } from "../../api/commands.js";
import type { Step, StepContext } from "../step-types.js";
import { done, refuse } from "../step-types.js";
import { contextRefusal, isPositiveInt } from "../guards.js";
import { heldCount, isDying, setOfMm } from "../derived.js";
import { isRegistered, withRegistration } from "./register-notifier.js";

export const registerNotifierMm = <E>(ctx: StepContext<E>, c: CallOf<"register_notifier_mm">): Step<E> => {
  const s = ctx.sys.core;
  const busy = contextRefusal(s, false);
  if (busy !== null) return busy;
  if (c.name.length === 0 || !isPositiveInt(c.mm)) return refuse("EINVAL");
  if (isRegistered(s, c.name)) return refuse("EEXIST");
  const found = setOfMm(s, c.mm);
  const live = found !== undefined && !isDying(found) ? found : undefined;
  if (live !== undefined && heldCount(s, live.handle) > 0) return refuse("EBUSY");

  const scope = { kind: "mm", mm: c.mm, attached: live?.handle ?? null } as const;
  return done(ctx.sys, withRegistration(s, { name: c.name, priority: c.priority, scope }));
};
