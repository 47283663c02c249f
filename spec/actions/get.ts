/**
 * get(set, id) and its twin get_locked(set, id): take a reference on an ALLOCATED ID.
 * Guard: context (D27); valid ID (D1); set exists, null = any (D2, D5); ID exists (ENOENT);
 * owned (EACCES); ALLOCATED (ENOENT on FREE_PENDING, D4). Effect: refs + 1.
 */
import type { CallOf } from "../../api/commands.js";
import type { Step, StepContext } from "../step-types.js";
import { done } from "../step-types.js";
import { activeId, contextRefusal, idArgRefusal, isRefused } from "../guards.js";
import { takeRef } from "../effects.js";

const getIn = <E>(ctx: StepContext<E>, set: number | null, id: number, locked: boolean): Step<E> => {
  const s = ctx.sys.core;
  const busy = contextRefusal(s, locked) ?? idArgRefusal(id);
  if (busy !== null) return busy;
  const rec = activeId(s, set, id, "any");
  if (isRefused(rec)) return rec;

  return done(ctx.sys, takeRef(s, rec));
};

export const get = <E>(ctx: StepContext<E>, c: CallOf<"get">): Step<E> => getIn(ctx, c.set, c.id, false);
export const getLocked = <E>(ctx: StepContext<E>, c: CallOf<"get_locked">): Step<E> => getIn(ctx, c.set, c.id, true);
