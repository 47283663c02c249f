/**
 * set_get(set) and its twin set_get_locked(set): take a set reference.
 * Guard: context (D27); set live (D2). Effect: refs + 1.
 */
import type { CallOf } from "../../api/commands.js";
import type { Step, StepContext } from "../step-types.js";
import { done } from "../step-types.js";
import { contextRefusal, isRefused, liveSet } from "../guards.js";
import { putSet } from "../effects.js";

const setGetIn = <E>(ctx: StepContext<E>, handle: number, locked: boolean): Step<E> => {
  const s = ctx.sys.core;
  const busy = contextRefusal(s, locked);
  if (busy !== null) return busy;
  const set = liveSet(s, handle);
  if (isRefused(set)) return set;

  return done(ctx.sys, putSet(s, { ...set, refs: set.refs + 1 }));
};

export const setGet = <E>(ctx: StepContext<E>, c: CallOf<"set_get">): Step<E> => setGetIn(ctx, c.set, false);
export const setGetLocked = <E>(ctx: StepContext<E>, c: CallOf<"set_get_locked">): Step<E> => setGetIn(ctx, c.set, true);
