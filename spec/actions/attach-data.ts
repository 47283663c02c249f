/**
 * attach_data(set, id, data): replace an ALLOCATED ID's private data. Only the owner (D5).
 * Guard: thread context; valid ID; set exists; ID exists; owned (EACCES); ALLOCATED (ENOENT).
 * Effect: the new data.
 */
import type { CallOf } from "../../api/commands.js";
import type { Step, StepContext } from "../step-types.js";
import { done } from "../step-types.js";
import { activeId, contextRefusal, idArgRefusal, isRefused } from "../guards.js";
import { putId } from "../effects.js";

export const attachData = <E>(ctx: StepContext<E>, c: CallOf<"attach_data">): Step<E> => {
  const s = ctx.sys.core;
  const busy = contextRefusal(s, false) ?? idArgRefusal(c.id);
  if (busy !== null) return busy;
  const rec = activeId(s, c.set, c.id, "owner-only");
  if (isRefused(rec)) return rec;

  return done(ctx.sys, putId(s, { ...rec, data: c.data }));
};
