/**
 * The named safety invariants of the core, each a predicate over one state. They hold in every
 * reachable state at thread level (depth 0); the tests check them after every action.
 */
import type { CoreState } from "./state.js";
import { typeInvariant } from "./state.js";
import { activeSpace, heldCount, isDying, reservedQuota, sameSpace } from "./derived.js";

/** One named invariant. */
export interface Invariant {
  readonly name: string;
  readonly holds: (s: CoreState) => boolean;
}

const ids = (s: CoreState) => [...s.ids.values()];
const sets = (s: CoreState) => [...s.sets.values()];

/** Every invariant, by name. */
export const INVARIANTS: readonly Invariant[] = [
  { name: "TypeOK", holds: typeInvariant },
  { name: "RefcountAccounted", // refs = the allocation's reference (until free) + the references taken
    holds: (s) => ids(s).every((r) => r.refs === (r.allocRef ? 1 : 0) + r.ghost.taken) },
  { name: "AllocatedHoldsAllocationRef",
    holds: (s) => ids(s).every((r) => r.state === "FREE_PENDING" || r.allocRef) },
  { name: "PendingHasTakenRefs", // at thread level a FREE_PENDING ID is alive only through taken references
    holds: (s) => s.depth > 0 || ids(s).every((r) => r.state === "ALLOCATED" || (!r.allocRef && r.ghost.taken >= 1)) },
  { name: "NoRefAfterFree", holds: (s) => ids(s).every((r) => r.ghost.takenAfterFree === 0) },
  { name: "EveryIdInOneLiveSet", holds: (s) => ids(s).every((r) => s.sets.has(r.set)) },
  { name: "SpidUniquePerSet",
    holds: (s) => {
      const seen = new Set<string>();
      for (const r of ids(s)) {
        if (r.spid === null || r.state !== "ALLOCATED") continue;
        const key = `${r.set}:${r.spid}`;
        if (seen.has(key)) return false;
        seen.add(key);
      }
      return true;
    } },
  { name: "WithinQuota", holds: (s) => sets(s).every((x) => heldCount(s, x.handle) <= x.quota) },
  { name: "QuotasWithinCapacity", holds: (s) => reservedQuota(s) <= s.config.capacity },
  { name: "DyingSetsHoldOnlyPendingIds",
    holds: (s) => ids(s).every((r) => {
      const set = s.sets.get(r.set);
      return set === undefined || !isDying(set) || r.state === "FREE_PENDING";
    }) },
  { name: "DyingSetsAreNotEmpty", holds: (s) => s.depth > 0 || sets(s).every((x) => !isDying(x) || heldCount(s, x.handle) > 0) },
  { name: "MmTokensUnique",
    holds: (s) => {
      const mms = sets(s).flatMap((x) => (x.token.type === "mm" ? [x.token.mm] : []));
      return new Set(mms).size === mms.length;
    } },
  { name: "NotifierNamesUnique", holds: (s) => new Set(s.notifiers.map((n) => n.name)).size === s.notifiers.length },
  { name: "AttachedNotifiersOnLiveSets",
    holds: (s) => s.notifiers.every((n) =>
      n.scope.kind === "global" || (n.scope.kind === "set" && s.sets.has(n.scope.set)) ||
      (n.scope.kind === "mm" && (n.scope.attached === null || s.sets.get(n.scope.attached)?.token.type === "mm"))) },
  { name: "MmNotifiersAttachedWhenSetLive",
    holds: (s) => s.notifiers.every((n) => {
      if (n.scope.kind !== "mm") return true;
      const mm = n.scope.mm;
      const live = sets(s).find((x) => x.token.type === "mm" && x.token.mm === mm && !isDying(x));
      return live === undefined ? n.scope.attached === null || s.sets.get(n.scope.attached)?.refs === 0 : n.scope.attached === live.handle;
    }) },
  { name: "LiveIdsInActiveSpace", holds: (s) => ids(s).every((r) => sameSpace(r.space, activeSpace(s))) },
  { name: "LockReleased", holds: (s) => s.depth === 0 },
];

/** The names of the invariants that do not hold in `s`. */
export const violatedInvariants = (s: CoreState): readonly string[] =>
  INVARIANTS.filter((i) => !i.holds(s)).map((i) => i.name);
