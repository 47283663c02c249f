/**
 * put(set, id) and its twin put_locked(set, id): drop a reference.
 * Guard: context (D27); valid ID (D1); set exists, null = any (D2, D5); ID exists (ENOENT);
 * owned (EACCES); the put would not drop the allocation's reference (EINVAL, D11).
 * Effect: refs - 1; at zero (only possible on FREE_PENDING) the ID is reclaimed (D12).
 */
import type { CallOf } from "../../api/commands.js";
import type { Step, StepContext } from "../step-types.js";
import { done, refuse } from "../step-types.js";
import { contextRefusal, idArgRefusal, isRefused, ownedId } from "../guards.js";
import { dropRef } from "../effects.js";

const putIn = <E>(ctx: StepContext<E>, set: number | null, id: number, locked: boolean): Step<E> => {
  const s = ctx.sys.core;
  const busy = contextRefusal(s, locked) ?? idArgRefusal(id);
  if (busy !== null) return busy;
  const rec = ownedId(s, set, id, "any");
  if (isRefused(rec)) return rec;
  if (rec.refs === 1 && rec.allocRef) return refuse("EINVAL");

  return done(ctx.sys, dropRef(s, rec.id, true));
};

export const put = <E>(ctx: StepContext<E>, c: CallOf<"put">): Step<E> => putIn(ctx, c.set, c.id, false);
export const putLocked = <E>(ctx: StepContext<E>, c: CallOf<"put_locked">): Step<E> => putIn(ctx, c.set, c.id, true);
