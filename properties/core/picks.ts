/**
 * Picks: turn a generated seed into an argument drawn from the current model state. A seed's
 * low part chooses the category, the rest the element, so shrinking seeds toward 0 moves toward
 * the most ordinary choice (the first live set, the first allocated ID).
 *
 * Rules:
 *  1. A pick returns null when its category is empty; the command is then not applicable as it
 *     is, and resolve.ts turns it into the call that creates what it lacks (resolve.ts rule 1).
 *  2. Categories cover the cases a careless or hostile caller reaches: another set's IDs,
 *     FREE_PENDING IDs, recently reclaimed IDs, and the boundary values.
 */
import { INVALID_IOASID, MAX_IOASID } from "../../api/constants.js";
import type { Model } from "./model.js";
import { isDying } from "../../spec/derived.js";
import type { IdRecord, NotifierRecord, SetRecord } from "../../spec/state.js";
import { edgeAdjustedQuotas, edgeNewQuotas } from "./edges.js";

/** The boundary values every ID argument may take. */
export const BOUNDARY_VALUES: readonly number[] = [0, 1, MAX_IOASID, MAX_IOASID + 1, INVALID_IOASID];

const nth = <T>(xs: readonly T[], i: number): T | null => (xs.length === 0 ? null : (xs[i % xs.length] ?? null));

/**
 * `nth` of the values `keep` gives for the elements of `xs` it keeps (undefined: dropped),
 * without building the list: one pass to count, one to reach the element (the per-command
 * hot path of resolution).
 */
const nthKept = <T, U>(xs: { values(): Iterable<T> }, keep: (x: T) => U | undefined, i: number): U | null => {
  let n = 0;
  for (const x of xs.values()) if (keep(x) !== undefined) n++;
  if (n === 0) return null;
  let k = i % n;
  for (const x of xs.values()) {
    const u = keep(x);
    if (u === undefined) continue;
    if (k === 0) return u;
    k--;
  }
  return null;
};

/** Split a seed into a category (of `n`) and an index. */
const split = (seed: number, weights: readonly number[]): { readonly cat: number; readonly i: number } => {
  const total = weights.reduce((a, b) => a + b, 0);
  let r = seed % total;
  for (let cat = 0; cat < weights.length; cat++) {
    const w = weights[cat] ?? 0;
    if (r < w) return { cat, i: Math.floor(seed / total) };
    r -= w;
  }
  return { cat: 0, i: 0 };
};

const liveSet = (s: SetRecord): number | undefined => (isDying(s) ? undefined : s.handle);
const dyingSet = (s: SetRecord): number | undefined => (isDying(s) ? s.handle : undefined);
const setHoldingTaken = (r: IdRecord): number | undefined => (r.ghost.taken > 0 ? r.set : undefined);
const unknownSet = (m: Model): number => {
  let top = Math.max(0, m.world.core.nextSetHandle - 1);
  for (const h of m.world.core.sets.keys()) top = Math.max(top, h);
  return top + 1;
};

/**
 * A set handle: live (most), dying, one whose IDs hold references (so a last put leaves it
 * dying), or unknown. An empty category falls back to a live set; null only if none exists.
 */
export const pickSet = (m: Model, seed: number): number | null => {
  const { cat, i } = split(seed, [6, 10, 4, 1]);
  const sets = m.world.core.sets;
  if (cat === 1) return nthKept(sets, dyingSet, i) ?? nthKept(sets, liveSet, i);
  if (cat === 2) return nthKept(m.world.core.ids, setHoldingTaken, i) ?? nthKept(sets, liveSet, i);
  if (cat === 3) return unknownSet(m);
  return nthKept(sets, liveSet, i);
};

/** The set a set_put releases: mostly one whose IDs hold references, so it stays dying for a while. */
export const pickSetToRelease = (m: Model, seed: number): number | null => {
  const { cat, i } = split(seed, [6, 3, 1]);
  if (cat === 0) return nthKept(m.world.core.ids, setHoldingTaken, i) ?? pickSet(m, i);
  return pickSet(m, i);
};

/**
 * The event notify publishes: the one that toggles the ID's bind state (most), a further BIND
 * (another device binding an ID already bound: the pairs of binds a lifetime bug needs), or any
 * other.
 */
export const pickEvent = (m: Model, id: number, seed: number): "ALLOC" | "FREE" | "BIND" | "UNBIND" => {
  const { cat, i } = split(seed, [6, 3, 1, 3]);
  if (cat === 3) return "BIND";
  if (cat === 0) return (m.world.core.ids.get(id)?.binds ?? 0) > 0 ? "UNBIND" : "BIND";
  if (cat === 1) return pickOf(["BIND", "UNBIND"] as const, i);
  return pickOf(["ALLOC", "FREE"] as const, i);
};

/**
 * A quota for alloc_set: small ones (most), one just beyond the unreserved capacity, 0,
 * fractional; or a capacity edge (edges.ts: exact fit of the room left, one under, one over, all).
 */
export const pickNewQuota = (m: Model, seed: number): number => {
  const { cat, i } = split(seed, [5, 1]);
  if (cat === 1) return pickOf(edgeNewQuotas(m), i);
  let reserved = 0;
  for (const s of m.world.core.sets.values()) reserved += s.quota;
  return pickOf([4, 3, 6, 2, 5, m.world.core.config.capacity - reserved + 1, 0, 1.5], i);
};

/**
 * A quota for adjust_set: just below, at and above what the set holds, 0, beyond capacity,
 * fractional; or a capacity edge (edges.ts: growing to exactly the room left and one either side).
 */
export const pickAdjustedQuota = (m: Model, set: number, seed: number): number => {
  const { cat, i } = split(seed, [3, 2]);
  if (cat === 1) return pickOf(edgeAdjustedQuotas(m, set), i);
  let held = 0;
  for (const r of m.world.core.ids.values()) if (r.set === set) held++;
  return pickOf([held - 1, held + 1, held + 3, 0, m.world.core.config.capacity + 1, 1.5], i);
};

const records = (m: Model) => [...m.world.core.ids.values()];
const idOf = (r: IdRecord): number => r.id;
const takenId = (r: IdRecord): number | undefined => (r.ghost.taken > 0 ? r.id : undefined);
const pendingId = (r: IdRecord): number | undefined => (r.state === "FREE_PENDING" ? r.id : undefined);
const spidHolder = (r: IdRecord): number | undefined => (r.spid !== null ? r.id : undefined);
const allocatedId = (r: IdRecord): number | undefined => (r.state === "ALLOCATED" ? r.id : undefined);

/**
 * An ID: allocated, holding taken references, pending, carrying an SPID, recently reclaimed, or a
 * boundary value. An empty category falls back to any live ID; null only if there is none.
 */
export const pickId = (m: Model, seed: number): number | null => {
  const { cat, i } = split(seed, [10, 5, 3, 2, 2, 1]);
  const ids = m.world.core.ids;
  const any = (): number | null => nthKept(ids, idOf, i);
  if (cat === 1) return nthKept(ids, takenId, i) ?? any();
  if (cat === 2) return nthKept(ids, pendingId, i) ?? any();
  if (cat === 3) return nthKept(ids, spidHolder, i) ?? any();
  if (cat === 4) return nth(m.recent, i) ?? any();
  if (cat === 5) return nth(BOUNDARY_VALUES, i);
  return nthKept(ids, allocatedId, i) ?? any();
};

/** The set through which an ID is named: its owner (most), null, another live set, or unknown. */
export const pickSetFor = (m: Model, id: number, seed: number): number | null | undefined => {
  const { cat, i } = split(seed, [12, 3, 2, 1]);
  const owner = m.world.core.ids.get(id)?.set ?? pickSet(m, i) ?? undefined;
  if (cat === 1) return null;
  if (cat === 2) return nthKept(m.world.core.sets, (s) => (isDying(s) || s.handle === owner ? undefined : s.handle), i) ?? owner;
  if (cat === 3) return unknownSet(m);
  return owner;
};

/** An SPID lookup target: a set and an SPID in use there, pending there, used elsewhere, or fresh. */
export const pickSpidTarget = (m: Model, seed: number): { readonly set: number | null; readonly spid: number } | null => {
  const { cat, i } = split(seed, [8, 4, 5, 2, 1, 1]);
  const withSpid = (state: "ALLOCATED" | "FREE_PENDING") => nthKept(m.world.core.ids, (r) => (r.spid !== null && r.state === state ? r : undefined), i);
  const own = (r: IdRecord | null) => (r === null ? null : { set: r.set, spid: r.spid ?? 0 });
  const set = pickSet(m, i);
  const fresh = set === null ? null : { set, spid: 1 + (i % 4) };
  if (cat === 0) return own(withSpid("ALLOCATED")) ?? fresh;
  if (cat === 1) return own(withSpid("FREE_PENDING")) ?? fresh;
  if (set === null) return null;
  if (cat === 2) {
    // Another set's SPID, looked up through a set that has no ALLOCATED ID with it (scoping bugs show here).
    const r = withSpid("ALLOCATED");
    const lacks = (h: number) => r !== null && h !== r.set && !records(m).some((x) => x.set === h && x.spid === r.spid && x.state === "ALLOCATED");
    const other = r === null ? null : nth([...m.world.core.sets.keys()].filter(lacks), Math.floor(i / 7));
    return r === null || other === null ? fresh : { set: other, spid: r.spid ?? 0 };
  }
  if (cat === 3) return { set, spid: 1 + (i % 4) };
  if (cat === 4) return { set: null, spid: 1 + (i % 4) };
  return { set, spid: nth(BOUNDARY_VALUES, i) ?? 0 };
};

/** An SPID to attach to `id` within `set`: one a sibling uses, a small fresh one, or a boundary value. */
export const pickSpid = (m: Model, set: number | null, id: number, seed: number): number => {
  const { cat, i } = split(seed, [6, 5, 1]);
  if (cat === 0) return nthKept(m.world.core.ids, (r) => (r.set === set && r.id !== id && r.spid !== null ? r.spid : undefined), i) ?? 1 + (i % 4);
  if (cat === 1) return 1 + (i % 4);
  return nth(BOUNDARY_VALUES, i) ?? 0;
};

const mmOf = (s: SetRecord): number | undefined => (s.token.type === "mm" ? s.token.mm : undefined);
const dyingMmOf = (s: SetRecord): number | undefined => (s.refs === 0 ? mmOf(s) : undefined);
const pendingMmOf = (n: NotifierRecord): number | undefined => (n.scope.kind === "mm" ? n.scope.mm : undefined);
const nameOf = (n: NotifierRecord): string => n.name;

/** An mm: one of a set, one with pending notifiers, a small fresh one, or one of a dying set. */
export const pickMm = (m: Model, seed: number): number => {
  const { cat, i } = split(seed, [3, 1, 2, 3]);
  const sets = m.world.core.sets;
  if (cat === 0) return nthKept(sets, mmOf, i) ?? 1 + (i % 4);
  if (cat === 1) return nthKept(m.world.core.notifiers, pendingMmOf, i) ?? 1 + (i % 4);
  if (cat === 3) return nthKept(sets, dyingMmOf, i) ?? 1 + (i % 4);
  return 1 + (i % 4);
};

/** A notifier name: a registered one (to collide or unregister) or one of a small pool. */
export const NOTIFIER_NAMES: readonly string[] = ["kvm", "vdcm", "iommu", "last", "dev2"];
export const pickName = (m: Model, seed: number): string => {
  const { cat, i } = split(seed, [1, 2]);
  return (cat === 0 ? nthKept(m.world.core.notifiers, nameOf, i) : null) ?? NOTIFIER_NAMES[i % NOTIFIER_NAMES.length] ?? "kvm";
};

/** Pick one of a few values. */
export const pickOf = <T>(xs: readonly T[], seed: number): T => {
  const x = nth(xs, seed);
  if (x === null) throw new Error("pickOf: empty list");
  return x;
};
