/**
 * alloc(set, min, max, data): allocate an ID with one reference (the allocation's).
 * Guard: thread context; min, max valid IDs with min <= max (D1); set live (D2); the set holds
 * fewer than `quota` IDs (EDQUOT, D7); a free ID in [min, max] (ENOSPC). With a custom allocator
 * active, its answer is the choice and a bad answer is ENOSPC (D29).
 * Effect: the ID is ALLOCATED with refs 1, no SPID; ALLOC is published on the set chain (D8).
 * Value: the ID. Which one is the implementation's choice (D6); the spec's is the lowest free.
 */
import type { CallOf } from "../../api/commands.js";
import type { Refused, Step, StepContext } from "../step-types.js";
import { refuse } from "../step-types.js";
import { contextRefusal, idArgRefusal, isRefused, liveSet } from "../guards.js";
import { activeSpace, heldCount, isFreeInRange, lowestFree } from "../derived.js";
import { publish, putId } from "../effects.js";
import type { CoreState, IdRecord } from "../state.js";

/** Would the spec accept `id` as the default allocator's answer to this alloc (D6)? */
export const acceptsIdChoice = (s: CoreState, c: CallOf<"alloc">, id: number): boolean =>
  isFreeInRange(s, c.min, c.max, id);

/**
 * The guard of alloc up to the allocator's answer: a refusal, or the set and the canonical ID.
 * A caller that must consult a custom allocator asks this first (the allocator is consulted only
 * for calls that get that far).
 */
export const allocGuard = (s: CoreState, c: CallOf<"alloc">): Refused | { readonly set: number; readonly canonical: number } => {
  const busy = contextRefusal(s, false) ?? idArgRefusal(c.min, c.max);
  if (busy !== null) return busy;
  if (c.min > c.max) return refuse("EINVAL");
  const set = liveSet(s, c.set);
  if (isRefused(set)) return set;
  if (heldCount(s, set.handle) >= set.quota) return refuse("EDQUOT");
  const canonical = lowestFree(s, c.min, c.max);
  if (canonical === null) return refuse("ENOSPC");
  return { set: set.handle, canonical };
};

export const alloc = <E>(ctx: StepContext<E>, c: CallOf<"alloc">): Step<E> => {
  const s = ctx.sys.core;
  const guard = allocGuard(s, c);
  if ("ok" in guard) return guard;
  const space = activeSpace(s);
  const id = ctx.choice ?? guard.canonical;
  if (!isFreeInRange(s, c.min, c.max, id)) {
    if (space.kind === "custom") return refuse("ENOSPC");
    throw new Error(`spec precondition broken: ID ${id} is not free in [${c.min}, ${c.max}]`);
  }

  const rec: IdRecord = {
    id, set: guard.set, state: "ALLOCATED", refs: 1, allocRef: true, spid: null, data: c.data, binds: 0, space,
    ghost: { taken: 0, takenAfterFree: 0 },
  };
  const after = publish({ core: putId(s, rec), env: ctx.sys.env }, ctx.deliver, "ALLOC", rec);
  return { ok: true, ...after, value: id };
};
