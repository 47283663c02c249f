/**
 * notify(set, id, event): the IOMMU driver publishes a device BIND or UNBIND (D26).
 * Guard: thread context; valid ID (D1); BIND or UNBIND (EINVAL); set exists, null = any; ID exists;
 * owned (EACCES). BIND: ALLOCATED (ENOENT). UNBIND: a bind outstanding (EINVAL).
 * Effect: the bind count moves; BIND is published on 0 -> 1, UNBIND on 1 -> 0 of an ALLOCATED ID,
 * on the set and global chains.
 */
import type { CallOf } from "../../api/commands.js";
import type { Step, StepContext } from "../step-types.js";
import { done, refuse } from "../step-types.js";
import { contextRefusal, idArgRefusal, isRefused, ownedId } from "../guards.js";
import { publish, putId } from "../effects.js";

export const notify = <E>(ctx: StepContext<E>, c: CallOf<"notify">): Step<E> => {
  const s = ctx.sys.core;
  const busy = contextRefusal(s, false) ?? idArgRefusal(c.id);
  if (busy !== null) return busy;
  if (c.event !== "BIND" && c.event !== "UNBIND") return refuse("EINVAL");
  const rec = ownedId(s, c.set, c.id, "any");
  if (isRefused(rec)) return rec;
  if (c.event === "BIND" && rec.state !== "ALLOCATED") return refuse("ENOENT");
  if (c.event === "UNBIND" && rec.binds === 0) return refuse("EINVAL");

  const binds = rec.binds + (c.event === "BIND" ? 1 : -1);
  const next = { ...rec, binds };
  const core = putId(s, next);
  const publishes = c.event === "BIND" ? binds === 1 : binds === 0 && rec.state === "ALLOCATED";
  if (!publishes) return done(ctx.sys, core);
  return { ok: true, ...publish({ core, env: ctx.sys.env }, ctx.deliver, c.event, next), value: null };
};
