/**
 * detach_spid(set, id): remove an ALLOCATED ID's SPID. Only the owner (D5).
 * Guard: thread context; valid ID; set exists; ID exists; owned; ALLOCATED; has an SPID (ENOENT, D14).
 * Effect: the ID has no SPID.
 */
import type { CallOf } from "../../api/commands.js";
import type { Step, StepContext } from "../step-types.js";
import { done, refuse } from "../step-types.js";
import { activeId, contextRefusal, idArgRefusal, isRefused } from "../guards.js";
import { putId } from "../effects.js";

export const detachSpid = <E>(ctx: StepContext<E>, c: CallOf<"detach_spid">): Step<E> => {
  const s = ctx.sys.core;
  const busy = contextRefusal(s, false) ?? idArgRefusal(c.id);
  if (busy !== null) return busy;
  const rec = activeId(s, c.set, c.id, "owner-only");
  if (isRefused(rec)) return rec;
  if (rec.spid === null) return refuse("ENOENT");

  return done(ctx.sys, putId(s, { ...rec, spid: null }));
};
