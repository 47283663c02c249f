/**
 * attach_spid(set, id, spid): map a set-private ID to an ALLOCATED host ID. Only the owner (D5).
 * Guard: thread context; valid ID and SPID (D1); set exists; ID exists; owned; ALLOCATED;
 * the ID has no SPID yet (EBUSY); no other ALLOCATED ID of the set uses the SPID (EEXIST) (D13, D14).
 * Effect: the ID carries the SPID.
 */
import type { CallOf } from "../../api/commands.js";
import type { Step, StepContext } from "../step-types.js";
import { done, refuse } from "../step-types.js";
import { activeId, contextRefusal, idArgRefusal, isRefused } from "../guards.js";
import { allocatedWithSpid } from "../derived.js";
import { putId } from "../effects.js";

export const attachSpid = <E>(ctx: StepContext<E>, c: CallOf<"attach_spid">): Step<E> => {
  const s = ctx.sys.core;
  const busy = contextRefusal(s, false) ?? idArgRefusal(c.id, c.spid);
  if (busy !== null) return busy;
  const rec = activeId(s, c.set, c.id, "owner-only");
  if (isRefused(rec)) return rec;
  if (rec.spid !== null) return refuse("EBUSY");
  if (allocatedWithSpid(s, rec.set, c.spid) !== undefined) return refuse("EEXIST");

  return done(ctx.sys, putId(s, { ...rec, spid: c.spid }));
};
