/**
 * adjust_set(set, quota): change a live set's quota.
 * Guard: thread context; quota integer >= 1; set live (D2); quota not below the IDs held (EBUSY);
 * the other sets' quotas plus this one within capacity (ENOSPC) (D18). Effect: the new quota.
 */
import type { CallOf } from "../../api/commands.js";
import type { Step, StepContext } from "../step-types.js";
import { done, refuse } from "../step-types.js";
import { contextRefusal, isPositiveInt, isRefused, liveSet } from "../guards.js";
import { heldCount, reservedQuota } from "../derived.js";
import { putSet } from "../effects.js";

export const adjustSet = <E>(ctx: StepContext<E>, c: CallOf<"adjust_set">): Step<E> => {
  const s = ctx.sys.core;
  const busy = contextRefusal(s, false);
  if (busy !== null) return busy;
  if (!isPositiveInt(c.quota)) return refuse("EINVAL");
  const set = liveSet(s, c.set);
  if (isRefused(set)) return set;
  if (c.quota < heldCount(s, set.handle)) return refuse("EBUSY");
  if (reservedQuota(s) - set.quota + c.quota > s.config.capacity) return refuse("ENOSPC");

  return done(ctx.sys, putSet(s, { ...set, quota: c.quota }));
};
