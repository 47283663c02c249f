/**
 * free(set, id): give an ID back. Only the owner may (EACCES otherwise, null included, D5).
 * Guard: thread context; valid ID (D1); set exists (D2); ID exists (ENOENT); owned (EACCES).
 * Effect: an ALLOCATED ID becomes FREE_PENDING, FREE is published on the set and global chains,
 * then the allocation's reference is dropped and the ID reclaimed at zero (D9). A FREE_PENDING ID
 * is left alone (D10).
 */
import type { CallOf } from "../../api/commands.js";
import type { Step, StepContext } from "../step-types.js";
import { contextRefusal, idArgRefusal, isRefused, ownedId } from "../guards.js";
import { freeId } from "../effects.js";

export const free = <E>(ctx: StepContext<E>, c: CallOf<"free">): Step<E> => {
  const s = ctx.sys.core;
  const busy = contextRefusal(s, false) ?? idArgRefusal(c.id);
  if (busy !== null) return busy;
  const rec = ownedId(s, c.set, c.id, "owner-only");
  if (isRefused(rec)) return rec;

  return { ok: true, ...freeId(ctx.sys, ctx.deliver, rec.id), value: null };
};
