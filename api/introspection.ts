/**
 * Optional read-only introspection beyond IDs: what a checker may see of sets, the capacity,
 * notifier registrations and custom allocators, so a suite can compare the whole abstract state
 * with the spec after every step (the abstraction function), not only the IDs.
 *
 * Rules:
 *  1. Every method is optional: a core that cannot answer one leaves it out, and the suite
 *     reports that part of the state as not checked. A core that has a method answers it for
 *     every argument, in any context, changing nothing and never throwing.
 *  2. A view lists only abstract state the spec defines (spec/state.ts); details of one
 *     implementation (chains, pages, caches) stay out.
 *  3. Views are plain data: equal views are deep-equal.
 */

/** A live or dying set: its quota, the IDs it holds (ALLOCATED or FREE_PENDING), its references. */
export interface SetView {
  readonly quota: number;
  readonly held: number;
  /** The last set_put is done; the set waits for its IDs to be reclaimed (refs 0). */
  readonly dying: boolean;
  readonly kind: "null" | "mm";
  /** The token's value (NULL type) or its mm (MM type). */
  readonly token: number;
  readonly refs: number;
}

/** Where a registered notifier is: on the global chain, on a set's chain, or pending for its mm. */
export interface NotifierView {
  readonly where: "global" | "set" | "pending";
  /** The set whose chain holds it ("set"), else null. */
  readonly set: number | null;
  /** The mm of a notifier registered with registerNotifierMm (attached or pending), else null. */
  readonly mm: number | null;
}

/** A registered custom allocator: is its space the active one, and how many IDs it gave out exist. */
export interface AllocatorView {
  readonly active: boolean;
  /** IDs (ALLOCATED or FREE_PENDING) that came from the space this allocator shares. */
  readonly outstanding: number;
}

/** The optional introspection methods (rule 1); `IoasidCore` carries them as optional members. */
export interface Introspection {
  /** The view of a live or dying set, null when the handle names no set. */
  inspectSet?(set: number): SetView | null;
  /** The capacity not reserved by any set's quota (live or dying). */
  capacityLeft?(): number;
  /** The view of a registered notifier, null when the name is not registered anywhere. */
  inspectNotifier?(name: string): NotifierView | null;
  /** The view of registered custom allocator ops, null when the name is not registered. */
  inspectAllocator?(name: string): AllocatorView | null;
}

/** The names of the optional introspection methods, as advertised by an exec process at `ready`. */
export const INTROSPECTION_FEATURES = ["inspectSet", "capacityLeft", "inspectNotifier", "inspectAllocator"] as const;
export type IntrospectionFeature = (typeof INTROSPECTION_FEATURES)[number];
