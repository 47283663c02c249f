/**
 * The named safety invariants of the core, each a predicate over one state. They hold in every
 * reachable state at thread level (depth 0); the tests check them after every action.
 */
import type { CoreState, IdRecord, NotifierRecord, SetRecord } from "./state.js";
import { typeInvariant } from "./state.js";
import { activeSpace, isDying, reservedQuota, sameSpace } from "./derived.js";

/** One named invariant. */
export interface Invariant {
  readonly name: string;
  readonly holds: (s: CoreState) => boolean;
}

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
  { name: "RefcountAccounted", // refs = the allocation's reference (until free) + the references taken
    holds: (s) => everyId(s, (r) => r.refs === (r.allocRef ? 1 : 0) + r.ghost.taken) },
  { name: "AllocatedHoldsAllocationRef", holds: (s) => everyId(s, (r) => r.state === "FREE_PENDING" || r.allocRef) },
  { name: "PendingHasTakenRefs", // at thread level a FREE_PENDING ID is alive only through taken references
    holds: (s) => s.depth > 0 || everyId(s, (r) => r.state === "ALLOCATED" || (!r.allocRef && r.ghost.taken >= 1)) },
  { name: "NoRefAfterFree", holds: (s) => everyId(s, (r) => r.ghost.takenAfterFree === 0) },
  { name: "EveryIdInOneLiveSet", holds: (s) => everyId(s, (r) => s.sets.has(r.set)) },
  { name: "SpidUniquePerSet", holds: (s) => distinct(allocatedSpidKeys(s)) },
  { name: "WithinQuota", holds: (s) => {
    const held = heldPerSet(s);
    return everySet(s, (x) => (held.get(x.handle) ?? 0) <= x.quota);
  } },
  { name: "QuotasWithinCapacity", holds: (s) => reservedQuota(s) <= s.config.capacity },
  { name: "DyingSetsHoldOnlyPendingIds",
    holds: (s) => everyId(s, (r) => {
      const set = s.sets.get(r.set);
      return set === undefined || !isDying(set) || r.state === "FREE_PENDING";
    }) },
  { name: "DyingSetsAreNotEmpty", holds: (s) => {
    if (s.depth > 0) return true;
    const held = heldPerSet(s);
    return everySet(s, (x) => !isDying(x) || (held.get(x.handle) ?? 0) > 0);
  } },
  { name: "MmTokensUnique", holds: (s) => distinct(mmTokens(s)) },
  { name: "NotifierNamesUnique", holds: (s) => distinct(s.notifiers.map((n) => n.name)) },
  { name: "AttachedNotifiersOnLiveSets",
    holds: (s) => everyNotifier(s, (n) =>
      n.scope.kind === "global" || (n.scope.kind === "set" && s.sets.has(n.scope.set)) ||
      (n.scope.kind === "mm" && (n.scope.attached === null || s.sets.get(n.scope.attached)?.token.type === "mm"))) },
  { name: "MmNotifiersAttachedWhenSetLive", holds: (s) => everyNotifier(s, (n) => attachedAsItsMm(s, n)) },
  { name: "LiveIdsInActiveSpace", holds: (s) => {
    const active = activeSpace(s);
    return everyId(s, (r) => sameSpace(r.space, active));
  } },
  { name: "LockReleased", holds: (s) => s.depth === 0 },
];

/** The names of the invariants that do not hold in `s`. */
export const violatedInvariants = (s: CoreState): readonly string[] => {
  const broken: string[] = [];
  for (const i of INVARIANTS) if (!i.holds(s)) broken.push(i.name);
  return broken;
};
