/**
 * The spec's side of the optional introspection (api/introspection.ts): the view of a set, the
 * capacity left, a notifier's registration and a custom allocator, computed from the state.
 * The suites compare these with what a core under test answers (the abstraction function);
 * the spec's own IoasidCore wrapper answers them too.
 *
 * Rules:
 *  1. Pure functions of the state; null exactly when the argument names nothing.
 *  2. A set holds an ID from allocation to reclaim (ALLOCATED and FREE_PENDING, D7).
 *  3. An allocator's outstanding IDs are those of its space: the custom group of its fns (D28).
 */
import type { AllocatorView, NotifierView, SetView } from "../api/introspection.js";
import { activeSpace, heldCount, isDying, reservedQuota } from "./derived.js";
import type { CoreState } from "./state.js";

/** The view of a live or dying set, or null. */
export const setView = (s: CoreState, handle: number): SetView | null => {
  const set = s.sets.get(handle);
  if (set === undefined) return null;
  const token = set.token.type === "null" ? set.token.value : set.token.mm;
  return { quota: set.quota, held: heldCount(s, handle), dying: isDying(set), kind: set.token.type, token, refs: set.refs };
};

/** The capacity no quota reserves. */
export const capacityLeft = (s: CoreState): number => s.config.capacity - reservedQuota(s);

/** Where a registered notifier is, or null. */
export const notifierView = (s: CoreState, name: string): NotifierView | null => {
  const n = s.notifiers.find((x) => x.name === name);
  if (n === undefined) return null;
  const scope = n.scope;
  switch (scope.kind) {
    case "global": return { where: "global", set: null, mm: null };
    case "set": return { where: "set", set: scope.set, mm: null };
    case "mm": return scope.attached === null ? { where: "pending", set: null, mm: scope.mm } : { where: "set", set: scope.attached, mm: scope.mm };
  }
};

/** A registered custom allocator's view, or null. */
export const allocatorView = (s: CoreState, name: string): AllocatorView | null => {
  const a = s.allocators.find((x) => x.name === name);
  if (a === undefined) return null;
  const active = activeSpace(s);
  let outstanding = 0;
  for (const r of s.ids.values()) if (r.space.kind === "custom" && r.space.fns === a.fns) outstanding++;
  return { active: active.kind === "custom" && active.fns === a.fns, outstanding };
};
