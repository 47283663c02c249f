/**
 * The named safety invariants of the core, each a predicate over one state. They hold in every
 * reachable state at thread level (depth 0); the tests check them after every action.
 *
 * Incremental checking (`violatedInvariantsAfter`, for the suites' fast mode): an invariant
 * that is a conjunction over IDs gives its per-ID predicate (`perId`) and the other parts of the
 * state that predicate reads; after a step it is evaluated on the IDs whose record changed, or
 * on every ID when a part it reads changed. Any other invariant names the parts it reads
 * (`reads`) and is evaluated in full when one changed. An invariant that says neither is
 * evaluated in full after every step that changed the state. The result equals
 * `violatedInvariants(after)` whenever `before` satisfied every invariant.
 */
import type { CoreState, IdRecord, NotifierRecord, SetRecord } from "./state.js";
import { typeInvariant } from "./state.js";
import { activeSpace, isDying, reservedQuota, sameSpace } from "./derived.js";

/** A part of the core state, as the incremental check tracks changes (by reference). */
export type StatePart = "config" | "ids" | "sets" | "notifiers" | "allocators" | "nextSeq" | "nextSetHandle" | "depth";

/** One named invariant. */
export interface Invariant {
  readonly name: string;
  readonly holds: (s: CoreState) => boolean;
  /** A conjunction over IDs: the predicate on one ID and the other parts it reads. */
  readonly perId?: { readonly holds: (s: CoreState, r: IdRecord) => boolean; readonly reads: readonly StatePart[] };
  /** The parts a whole-state invariant reads. */
  readonly reads?: readonly StatePart[];
}

/** An invariant over every ID from its per-ID predicate. */
const overIds = (name: string, reads: readonly StatePart[], p: (s: CoreState, r: IdRecord) => boolean): Invariant =>
  ({ name, holds: (s) => everyId(s, (r) => p(s, r)), perId: { holds: p, reads } });

const everyId = (s: CoreState, p: (r: IdRecord) => boolean): boolean => {
  for (const r of s.ids.values()) if (!p(r)) return false;
  return true;
};
const everySet = (s: CoreState, p: (x: SetRecord) => boolean): boolean => {
  for (const x of s.sets.values()) if (!p(x)) return false;
  return true;
};
const everyNotifier = (s: CoreState, p: (n: NotifierRecord) => boolean): boolean => s.notifiers.every(p);

/** No two values of `keys` are equal. */
const distinct = (keys: Iterable<string | number>): boolean => {
  const seen = new Set<string | number>();
  for (const k of keys) {
    if (seen.has(k)) return false;
    seen.add(k);
  }
  return true;
};

function* allocatedSpidKeys(s: CoreState): Generator<string> {
  for (const r of s.ids.values()) if (r.spid !== null && r.state === "ALLOCATED") yield `${r.set}:${r.spid}`;
}

function* mmTokens(s: CoreState): Generator<number> {
  for (const x of s.sets.values()) if (x.token.type === "mm") yield x.token.mm;
}

/** IDs held per set, in one pass over the IDs (heldCount for every set at once). */
const heldPerSet = (s: CoreState): Map<number, number> => {
  const held = new Map<number, number>();
  for (const r of s.ids.values()) held.set(r.set, (held.get(r.set) ?? 0) + 1);
  return held;
};

/** Is `n`, an MM notifier, attached exactly when its mm has a live set (or to the dying one)? */
const attachedAsItsMm = (s: CoreState, n: NotifierRecord): boolean => {
  if (n.scope.kind !== "mm") return true;
  const mm = n.scope.mm;
  let live: SetRecord | undefined;
  for (const x of s.sets.values()) if (x.token.type === "mm" && x.token.mm === mm && !isDying(x)) live = x;
  if (live !== undefined) return n.scope.attached === live.handle;
  return n.scope.attached === null || s.sets.get(n.scope.attached)?.refs === 0;
};

/** Every invariant, by name. */
export const INVARIANTS: readonly Invariant[] = [
  { name: "TypeOK", holds: typeInvariant },
  overIds("RefcountAccounted", [], (_s, r) => r.refs === (r.allocRef ? 1 : 0) + r.ghost.taken), // refs = the allocation's reference (until free) + the references taken
  overIds("AllocatedHoldsAllocationRef", [], (_s, r) => r.state === "FREE_PENDING" || r.allocRef),
  // at thread level a FREE_PENDING ID is alive only through taken references
  overIds("PendingHasTakenRefs", ["depth"], (s, r) => s.depth > 0 || r.state === "ALLOCATED" || (!r.allocRef && r.ghost.taken >= 1)),
  overIds("NoRefAfterFree", [], (_s, r) => r.ghost.takenAfterFree === 0),
  overIds("EveryIdInOneLiveSet", ["sets"], (s, r) => s.sets.has(r.set)),
  { name: "SpidUniquePerSet", reads: ["ids"], holds: (s) => distinct(allocatedSpidKeys(s)) },
  { name: "WithinQuota", reads: ["ids", "sets"], holds: (s) => {
    const held = heldPerSet(s);
    return everySet(s, (x) => (held.get(x.handle) ?? 0) <= x.quota);
  } },
  { name: "QuotasWithinCapacity", reads: ["sets", "config"], holds: (s) => reservedQuota(s) <= s.config.capacity },
  overIds("DyingSetsHoldOnlyPendingIds", ["sets"], (s, r) => {
    const set = s.sets.get(r.set);
    return set === undefined || !isDying(set) || r.state === "FREE_PENDING";
  }),
  { name: "DyingSetsAreNotEmpty", reads: ["ids", "sets", "depth"], holds: (s) => {
    if (s.depth > 0) return true;
    const held = heldPerSet(s);
    return everySet(s, (x) => !isDying(x) || (held.get(x.handle) ?? 0) > 0);
  } },
  { name: "MmTokensUnique", reads: ["sets"], holds: (s) => distinct(mmTokens(s)) },
  { name: "NotifierNamesUnique", reads: ["notifiers"], holds: (s) => distinct(s.notifiers.map((n) => n.name)) },
  { name: "AttachedNotifiersOnLiveSets", reads: ["notifiers", "sets"],
    holds: (s) => everyNotifier(s, (n) =>
      n.scope.kind === "global" || (n.scope.kind === "set" && s.sets.has(n.scope.set)) ||
      (n.scope.kind === "mm" && (n.scope.attached === null || s.sets.get(n.scope.attached)?.token.type === "mm"))) },
  { name: "MmNotifiersAttachedWhenSetLive", reads: ["notifiers", "sets"], holds: (s) => everyNotifier(s, (n) => attachedAsItsMm(s, n)) },
  { name: "LiveIdsInActiveSpace", holds: (s) => {
    const active = activeSpace(s);
    return everyId(s, (r) => sameSpace(r.space, active));
  }, perId: { reads: ["allocators"], holds: (s, r) => sameSpace(r.space, activeSpace(s)) } },
  { name: "LockReleased", reads: ["depth"], holds: (s) => s.depth === 0 },
];

/** The names of the invariants that do not hold in `s`. */
export const violatedInvariants = (s: CoreState): readonly string[] => {
  const broken: string[] = [];
  for (const i of INVARIANTS) if (!i.holds(s)) broken.push(i.name);
  return broken;
};

const PARTS: readonly StatePart[] = ["config", "ids", "sets", "notifiers", "allocators", "nextSeq", "nextSetHandle", "depth"];
const bit = (p: StatePart): number => 1 << PARTS.indexOf(p);
const maskOf = (parts: readonly StatePart[]): number => parts.reduce((m, p) => m | bit(p), 0);
const IDS = bit("ids");
/** Each part's bit, spelled out for `changedMask` (a per-step hot path). */
const CHANGED: Readonly<Record<StatePart, number>> = {
  config: bit("config"), ids: IDS, sets: bit("sets"), notifiers: bit("notifiers"), allocators: bit("allocators"),
  nextSeq: bit("nextSeq"), nextSetHandle: bit("nextSetHandle"), depth: bit("depth"),
};

/** The parts whose value (by reference) differs between two states, as a bit mask. */
const changedMask = (a: CoreState, b: CoreState): number =>
  (a.config !== b.config ? CHANGED.config : 0) | (a.ids !== b.ids ? CHANGED.ids : 0) | (a.sets !== b.sets ? CHANGED.sets : 0) |
  (a.notifiers !== b.notifiers ? CHANGED.notifiers : 0) | (a.allocators !== b.allocators ? CHANGED.allocators : 0) |
  (a.nextSeq !== b.nextSeq ? CHANGED.nextSeq : 0) | (a.nextSetHandle !== b.nextSetHandle ? CHANGED.nextSetHandle : 0) | (a.depth !== b.depth ? CHANGED.depth : 0);

/** Each invariant with the bit masks of what it reads (computed once). */
const PLAN = INVARIANTS.map((i) => ({ i, perIdMask: i.perId === undefined ? -1 : maskOf(i.perId.reads), readsMask: i.reads === undefined ? -1 : maskOf(i.reads) }));

/**
 * The invariants that do not hold in `after`, evaluated incrementally from `before` (see the
 * header); equal to `violatedInvariants(after)` when `before` satisfied every invariant.
 */
export const violatedInvariantsAfter = (before: CoreState, after: CoreState): readonly string[] => {
  if (before === after) return [];
  const changed = changedMask(before, after);
  const ids: IdRecord[] = [];
  if ((changed & IDS) !== 0) for (const [id, r] of after.ids) if (before.ids.get(id) !== r) ids.push(r);
  const broken: string[] = [];
  for (const { i, perIdMask, readsMask } of PLAN) {
    let ok: boolean;
    if (i.perId !== undefined) {
      const p = i.perId;
      ok = (changed & perIdMask) !== 0 ? i.holds(after) : ids.every((r) => p.holds(after, r));
    } else if (i.reads !== undefined) {
      ok = (changed & readsMask) !== 0 ? i.holds(after) : true;
    } else ok = i.holds(after);
    if (!ok) broken.push(i.name);
  }
  return broken;
};
