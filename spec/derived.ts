/**
 * Derived state: values computed from the variables, never stored (like TLA+ `available == ...`).
 */
import type { IoasidEvent } from "../api/notification.js";
import { PRIORITY_RANK } from "../api/notification.js";
import type { AllocatorRecord, CoreState, IdRecord, NotifierRecord, SetRecord, Space } from "./state.js";

/** The IDs a set holds (ALLOCATED and FREE_PENDING), ascending. */
export const heldBy = (s: CoreState, set: number): readonly IdRecord[] =>
  [...s.ids.values()].filter((r) => r.set === set).sort((a, b) => a.id - b.id);

/** The number of IDs a set holds. */
export const heldCount = (s: CoreState, set: number): number => {
  let n = 0;
  for (const r of s.ids.values()) if (r.set === set) n++;
  return n;
};

/** Sum of the quotas of every set (live and dying): the reserved capacity. */
export const reservedQuota = (s: CoreState): number => {
  let sum = 0;
  for (const set of s.sets.values()) sum += set.quota;
  return sum;
};

/** A set whose last reference is gone and which waits for its IDs to be reclaimed. */
export const isDying = (set: SetRecord): boolean => set.refs === 0;

/** The live or dying set with this MM token, if any. */
export const setOfMm = (s: CoreState, mm: number): SetRecord | undefined =>
  [...s.sets.values()].find((x) => x.token.type === "mm" && x.token.mm === mm);

/** The allocator space `alloc` uses now: the oldest custom group, else the default (D28). */
export const activeSpace = (s: CoreState): Space => {
  let first: AllocatorRecord | undefined;
  for (const a of s.allocators) if (first === undefined || a.group < first.group) first = a;
  return first === undefined ? { kind: "default" } : { kind: "custom", fns: first.fns };
};

/** Are two spaces the same? */
export const sameSpace = (a: Space, b: Space): boolean =>
  a.kind === b.kind && (a.kind === "default" || (b.kind === "custom" && a.fns === b.fns));

/** Does any ID (allocated or pending) come from this space? */
export const spaceHasIds = (s: CoreState, space: Space): boolean =>
  [...s.ids.values()].some((r) => sameSpace(r.space, space));

/** Is `id` a number alloc may hand out now within [min, max]? */
export const isFreeInRange = (s: CoreState, min: number, max: number, id: number): boolean =>
  Number.isInteger(id) && id >= min && id <= max && !s.ids.has(id);

/** The lowest free ID in [min, max], or null: the spec's canonical choice (D6). */
export const lowestFree = (s: CoreState, min: number, max: number): number | null => {
  for (let id = min; id <= max; id++) if (!s.ids.has(id)) return id;
  return null;
};

/** The ALLOCATED ID of `set` carrying `spid`, if any (D13). */
export const allocatedWithSpid = (s: CoreState, set: number, spid: number): IdRecord | undefined =>
  [...s.ids.values()].find((r) => r.set === set && r.spid === spid && r.state === "ALLOCATED");

/** Is the notifier on the chain of `set` (registered on it, or attached to it through its mm)? */
const onSetChain = (n: NotifierRecord, set: number): boolean =>
  (n.scope.kind === "set" && n.scope.set === set) || (n.scope.kind === "mm" && n.scope.attached === set);

/** Which chains hear an event: ALLOC the set chain only (D8), the others set + global. */
const globalHears = (event: IoasidEvent): boolean => event !== "ALLOC";

/** The recipients of `event` on an ID of `set`, in delivery order (D25). */
export const recipients = (s: CoreState, event: IoasidEvent, set: number): readonly NotifierRecord[] =>
  s.notifiers
    .filter((n) => onSetChain(n, set) || (n.scope.kind === "global" && globalHears(event)))
    .sort((a, b) => PRIORITY_RANK[b.priority] - PRIORITY_RANK[a.priority] || a.seq - b.seq);
