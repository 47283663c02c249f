/**
 * register_notifier(set, nb): put a notifier on the global chain (set null) or on a set's chain.
 * Guard: thread context; a name (EINVAL); the set live (D2); the name not registered anywhere
 * (EEXIST, D22); an MM-type set holds no ID (EBUSY, D23). Effect: the registration, with the next
 * registration sequence number (D25).
 */
import type { CallOf } from "../../api/commands.js";
import type { Step, StepContext } from "../step-types.js";
import { done, refuse } from "../step-types.js";
import { contextRefusal, isRefused, liveSet } from "../guards.js";
import { heldCount } from "../derived.js";
import type { CoreState, NotifierRecord, NotifierScope } from "../state.js";

/** Is a notifier of this name registered anywhere, pending included (D22)? */
export const isRegistered = (s: CoreState, name: string): boolean => s.notifiers.some((n) => n.name === name);

/** The state with one more registration. */
export const withRegistration = (s: CoreState, nb: Omit<NotifierRecord, "seq">): CoreState =>
  ({ ...s, notifiers: [...s.notifiers, { ...nb, seq: s.nextSeq }], nextSeq: s.nextSeq + 1 });

export const registerNotifier = <E>(ctx: StepContext<E>, c: CallOf<"register_notifier">): Step<E> => {
  const s = ctx.sys.core;
  const busy = contextRefusal(s, false);
  if (busy !== null) return busy;
  if (c.name.length === 0) return refuse("EINVAL");
  let scope: NotifierScope = { kind: "global" };
  if (c.set !== null) {
    const set = liveSet(s, c.set);
    if (isRefused(set)) return set;
    if (isRegistered(s, c.name)) return refuse("EEXIST");
    if (set.token.type === "mm" && heldCount(s, set.handle) > 0) return refuse("EBUSY");
    scope = { kind: "set", set: set.handle };
  } else if (isRegistered(s, c.name)) return refuse("EEXIST");

  return done(ctx.sys, withRegistration(s, { name: c.name, priority: c.priority, scope }));
};
