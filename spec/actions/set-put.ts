/**
 * set_put(set) and its twin set_put_locked(set): drop a set reference.
 * Guard: context (D27); set live (D2). Effect: refs - 1; at zero the set is dying, every
 * ALLOCATED ID of it is freed in ascending order exactly as `free` does, and the set is destroyed
 * once it holds no ID (D20).
 */
import type { CallOf } from "../../api/commands.js";
import type { TraceEvent } from "../../api/outcome.js";
import type { Step, StepContext } from "../step-types.js";
import { contextRefusal, isRefused, liveSet } from "../guards.js";
import { heldBy, heldCount } from "../derived.js";
import { destroySet, freeId, putSet } from "../effects.js";

const setPutIn = <E>(ctx: StepContext<E>, handle: number, locked: boolean): Step<E> => {
  const s = ctx.sys.core;
  const busy = contextRefusal(s, locked);
  if (busy !== null) return busy;
  const set = liveSet(s, handle);
  if (isRefused(set)) return set;

  const dropped = putSet(s, { ...set, refs: set.refs - 1 });
  if (set.refs > 1) return { ok: true, core: dropped, env: ctx.sys.env, events: [], value: null };
  let sys = { core: dropped, env: ctx.sys.env };
  const events: TraceEvent[] = [];
  for (const rec of heldBy(dropped, handle)) {
    const now = sys.core.ids.get(rec.id);
    if (now === undefined || now.state !== "ALLOCATED") continue;
    const after = freeId(sys, ctx.deliver, rec.id);
    sys = { core: after.core, env: after.env };
    events.push(...after.events);
  }
  const core = sys.core.sets.has(handle) && heldCount(sys.core, handle) === 0 ? destroySet(sys.core, handle) : sys.core;
  return { ok: true, core, env: sys.env, events, value: null };
};

export const setPut = <E>(ctx: StepContext<E>, c: CallOf<"set_put">): Step<E> => setPutIn(ctx, c.set, false);
export const setPutLocked = <E>(ctx: StepContext<E>, c: CallOf<"set_put_locked">): Step<E> => setPutIn(ctx, c.set, true);
