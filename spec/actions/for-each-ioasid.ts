/**
 * for_each_ioasid(set): the set's ALLOCATED IDs, ascending (D21).
 * Guard: thread context; set live (D2). Effect: none.
 */
import type { CallOf } from "../../api/commands.js";
import type { Step, StepContext } from "../step-types.js";
import { done } from "../step-types.js";
import { contextRefusal, isRefused, liveSet } from "../guards.js";
import { heldBy } from "../derived.js";

export const forEachIoasid = <E>(ctx: StepContext<E>, c: CallOf<"for_each_ioasid">): Step<E> => {
  const s = ctx.sys.core;
  const busy = contextRefusal(s, false);
  if (busy !== null) return busy;
  const set = liveSet(s, c.set);
  if (isRefused(set)) return set;

  const ids = heldBy(s, set.handle).filter((r) => r.state === "ALLOCATED").map((r) => r.id);
  return done(ctx.sys, s, ids);
};
