/**
 * find_by_spid(set, spid): the ALLOCATED host ID carrying `spid` in `set`, TAKING a reference (D15).
 * Guard: thread context; valid SPID (D1); a set, not null (EINVAL, D5); set live (D2);
 * an ALLOCATED ID of the set with that SPID (ENOENT, D13). Effect: refs + 1. Value: the host ID.
 */
import type { CallOf } from "../../api/commands.js";
import type { Step, StepContext } from "../step-types.js";
import { done, refuse } from "../step-types.js";
import { contextRefusal, idArgRefusal, isRefused, liveSet } from "../guards.js";
import { allocatedWithSpid } from "../derived.js";
import { takeRef } from "../effects.js";

export const findBySpid = <E>(ctx: StepContext<E>, c: CallOf<"find_by_spid">): Step<E> => {
  const s = ctx.sys.core;
  const busy = contextRefusal(s, false) ?? idArgRefusal(c.spid);
  if (busy !== null) return busy;
  if (c.set === null) return refuse("EINVAL");
  const set = liveSet(s, c.set);
  if (isRefused(set)) return set;
  const rec = allocatedWithSpid(s, set.handle, c.spid);
  if (rec === undefined) return refuse("ENOENT");

  return done(ctx.sys, takeRef(s, rec), rec.id);
};
