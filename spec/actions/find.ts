/**
 * find(set, id, getter): the private data of an ALLOCATED ID, taking no reference.
 * Guard: thread context; valid ID (D1); set exists, null = any (D5); ID exists (ENOENT);
 * owned (EACCES); ALLOCATED (ENOENT, D4); a getter that refuses the data makes it ENOENT (D16).
 * Effect: none. Value: the data.
 */
import type { CallOf } from "../../api/commands.js";
import type { Step, StepContext } from "../step-types.js";
import { done, refuse } from "../step-types.js";
import { activeId, contextRefusal, idArgRefusal, isRefused } from "../guards.js";

export const find = <E>(ctx: StepContext<E>, c: CallOf<"find">): Step<E> => {
  const s = ctx.sys.core;
  const busy = contextRefusal(s, false) ?? idArgRefusal(c.id);
  if (busy !== null) return busy;
  const rec = activeId(s, c.set, c.id, "any");
  if (isRefused(rec)) return rec;
  if (c.getter === "reject") return refuse("ENOENT");

  return done(ctx.sys, s, rec.data);
};
