/**
 * The checks shared by the actions, in the order of D3: handler context, argument validity,
 * set exists, ID exists, ownership, ID state. Each returns the thing it looked up, or a refusal.
 */
import type { Refused } from "./step-types.js";
import { refuse } from "./step-types.js";
import type { CoreState, IdRecord, SetRecord } from "./state.js";
import { isIdNumber } from "./state.js";
import { isDying } from "./derived.js";

/** A looked-up value, or the refusal that stopped the lookup. */
export type Checked<T> = T | Refused;

/** Did the check refuse? */
export const isRefused = <T extends object>(c: Checked<T>): c is Refused =>
  "ok" in c && c.ok === false && "errno" in c;

/** Handler context (D27): lock-taking calls need depth 0; _locked calls need depth > 0. */
export const contextRefusal = (s: CoreState, locked: boolean): Refused | null => {
  if (locked) return s.depth > 0 ? null : refuse("EINVAL");
  return s.depth > 0 ? refuse("EDEADLK") : null;
};

/** Argument validity of an ID or SPID (D1). */
export const idArgRefusal = (...ns: readonly number[]): Refused | null =>
  ns.every(isIdNumber) ? null : refuse("EINVAL");

/** Is `n` a positive integer (a quota, an mm)? */
export const isPositiveInt = (n: number): boolean => Number.isInteger(n) && n >= 1;

/** The set named by a handle, live or dying; EINVAL for a handle naming no set (D2). */
export const existingSet = (s: CoreState, handle: number): Checked<SetRecord> =>
  s.sets.get(handle) ?? refuse("EINVAL");

/** The live set named by a handle: EINVAL unknown, ENOENT dying (D2). */
export const liveSet = (s: CoreState, handle: number): Checked<SetRecord> => {
  const set = existingSet(s, handle);
  if (isRefused(set)) return set;
  return isDying(set) ? refuse("ENOENT") : set;
};

/** Who may name the ID: a null set means any set where `nullIsAny`, else it owns nothing (D5). */
export type NullSet = "any" | "owner-only";

/**
 * The ID `id` as seen through `set`: EINVAL unknown set, ENOENT unknown ID, EACCES not owned.
 * The ID's state is not checked here.
 */
export const ownedId = (s: CoreState, set: number | null, id: number, nullSet: NullSet): Checked<IdRecord> => {
  if (set !== null) {
    const found = existingSet(s, set);
    if (isRefused(found)) return found;
  }
  const rec = s.ids.get(id);
  if (rec === undefined) return refuse("ENOENT");
  if (set === null) return nullSet === "any" ? rec : refuse("EACCES");
  return rec.set === set ? rec : refuse("EACCES");
};

/** The ID as seen through `set`, and ALLOCATED (ENOENT when FREE_PENDING, D4). */
export const activeId = (s: CoreState, set: number | null, id: number, nullSet: NullSet): Checked<IdRecord> => {
  const rec = ownedId(s, set, id, nullSet);
  if (isRefused(rec)) return rec;
  return rec.state === "ALLOCATED" ? rec : refuse("ENOENT");
};
