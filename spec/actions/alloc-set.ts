/**
 * alloc_set(token, quota): create a set with one reference, reserving `quota` from capacity.
 * Guard: thread context; token valid (D17); quota integer >= 1 (D18); MM token not in use (EEXIST);
 * quota within the unreserved capacity (ENOSPC). Effect: the set exists; pending notifiers of its
 * mm are attached to it (D24). Value: the handle (the implementation's choice, D19).
 */
import type { CallOf } from "../../api/commands.js";
import type { Step, StepContext } from "../step-types.js";
import { refuse } from "../step-types.js";
import { contextRefusal, isPositiveInt } from "../guards.js";
import { reservedQuota, setOfMm } from "../derived.js";
import type { CoreState } from "../state.js";

/** Is `handle` acceptable as the handle of a new set (D19)? */
export const acceptsSetHandle = (s: CoreState, handle: number): boolean =>
  Number.isInteger(handle) && handle >= 1 && !s.sets.has(handle);

export const allocSet = <E>(ctx: StepContext<E>, c: CallOf<"alloc_set">): Step<E> => {
  const s = ctx.sys.core;
  const busy = contextRefusal(s, false);
  if (busy !== null) return busy;
  const tokenOk = c.token.type === "null"
    ? Number.isInteger(c.token.value) && c.token.value >= 0
    : isPositiveInt(c.token.mm);
  if (!tokenOk || !isPositiveInt(c.quota)) return refuse("EINVAL");
  if (c.token.type === "mm" && setOfMm(s, c.token.mm) !== undefined) return refuse("EEXIST");
  if (reservedQuota(s) + c.quota > s.config.capacity) return refuse("ENOSPC");

  const handle = ctx.choice ?? s.nextSetHandle;
  if (!acceptsSetHandle(s, handle)) throw new Error(`spec precondition broken: set handle ${handle} is in use or not positive`);
  const sets = new Map(s.sets);
  sets.set(handle, { handle, token: c.token, quota: c.quota, refs: 1 });
  const mm = c.token.type === "mm" ? c.token.mm : null;
  const notifiers = s.notifiers.map((n) =>
    n.scope.kind === "mm" && n.scope.mm === mm && n.scope.attached === null ? { ...n, scope: { ...n.scope, attached: handle } } : n);
  const core = { ...s, sets, notifiers, nextSetHandle: Math.max(s.nextSetHandle, handle + 1) };
  return { ok: true, core, env: ctx.sys.env, events: [], value: handle };
};
