/**
 * The system properties, checked after every step (and the leak check at the end).
 *
 * Rules:
 *  1. Refcounts: for every host PASID any actor or table knows, the core's count equals the
 *     references the actors say they hold (0 when the core has no such ID).
 *  2. Naming: every table, cache, WQ, descriptor or VMCS entry that names a host PASID names a
 *     live one (not reclaimed) owned by the entry's own VM or process.
 *  3. Landing: a DMA or ENQCMD lands in the issuer's own address space (the guest process its
 *     PASID is bound to, or the process's mm), or faults.
 *  4. Isolation: a guest's command changes no ID outside its own set.
 *  5. VMCS sync: while a VM's KVM lives, its translation table maps exactly the GPASIDs the VM
 *     holds and has bound on some device (no lost BIND, no missed UNBIND).
 *  6. No leak after teardown: no ID, the whole capacity free, every table and cache empty, no
 *     registration left, no work pending.
 *  7. What rules 1 and 2 read is gathered in one pass (`survey`); `surveyNow` keeps the survey of
 *     the system's current epoch (System rule 6), so a step's survey after the command is also
 *     what the next step's resolution, situations and pre-checks read: the system is surveyed
 *     once per command, never reused across a change.
 *  8. The hardware tables are immutable values (hw-model rule 1): the places a VT-d or DSA state
 *     names are listed once per state object, and a later survey of the same state reuses them.
 *     Surveys and listings are kept for the last few systems and states only (recent.ts).
 */
import type { IdView } from "../../api/core.js";
import type { AddressSpace } from "../../hw-model/address-space.js";
import { addressSpaceName } from "../../hw-model/address-space.js";
import { namedPasids as vtdNamed, isEmpty as vtdEmpty } from "../../hw-model/vtd/index.js";
import { namedPasids as dsaNamed } from "../../hw-model/dsa/index.js";
import type { DsaDevice, PasidPlace } from "../../hw-model/dsa/index.js";
import type { IommuState, NamedPasid } from "../../hw-model/vtd/index.js";
import { forEachPasidEntry, hostPasidOf, pasidEntries, pasidEntryCount } from "../../hw-model/kvm/index.js";
import { isSmmuEmpty, namedSsids } from "../../hw-model/smmuv3/index.js";
import type { StepRecord, System } from "../../hw-model/system/system.js";
import { SystemViolation } from "./violation.js";
import { Recent } from "./recent.js";

export { SystemViolation } from "./violation.js";

/** What one pass over the system finds: every known host PASID, the references held per PASID, and where VT-d and DSA name PASIDs. */
export interface Survey {
  /** The system's epoch when surveyed (System rule 6). */
  readonly epoch: number;
  readonly known: ReadonlySet<number>;
  readonly totals: ReadonlyMap<number, number>;
  readonly vtd: readonly NamedPasid[];
  readonly dsa: readonly PasidPlace[];
}

/** Rule 8: the places a hardware state names, listed once per state (the states are immutable values, hw-model rule 1). */
const vtdLists = new Recent<IommuState, readonly NamedPasid[]>();
const dsaLists = new Recent<DsaDevice, readonly PasidPlace[]>();

const listedOnce = <S extends object, T>(lists: Recent<S, readonly T[]>, state: S, list: (s: S) => readonly T[]): readonly T[] => {
  const kept = lists.get(state);
  if (kept !== undefined) return kept;
  const made = list(state);
  lists.set(state, made);
  return made;
};

/** One pass over the system (each holder's references read once): what knownPasids, checkRefcounts and checkNaming need. */
export const survey = (sys: System): Survey => {
  const ids = new Set<number>();
  const totals = new Map<number, number>();
  const hold = (n: number, id: number): void => {
    ids.add(id);
    totals.set(id, (totals.get(id) ?? 0) + n);
  };
  for (const h of sys.holders()) h.heldRefs().forEach(hold);
  const add = (_g: number, id: number): void => {
    ids.add(id);
  };
  for (const a of sys.vms.values()) {
    for (const id of a.vmm.gpasids.values()) ids.add(id);
    for (const id of a.vmm.freed.values()) ids.add(id);
    forEachPasidEntry(a.kvm.table, add);
  }
  for (const pr of sys.procs.values()) if (pr.pasid !== null) ids.add(pr.pasid);
  const vtd = listedOnce(vtdLists, sys.p.iommu, vtdNamed);
  const dsa = listedOnce(dsaLists, sys.p.dsa, dsaNamed);
  for (const n of vtd) ids.add(n.pasid);
  for (const n of dsa) ids.add(n.pasid);
  return { epoch: sys.epoch, known: ids, totals, vtd, dsa };
};

const surveys = new Recent<System, Survey>();

/** Rule 7: the survey of the system as it is now, computed once per epoch. */
export const surveyNow = (sys: System): Survey => {
  const kept = surveys.get(sys);
  if (kept !== undefined && kept.epoch === sys.epoch) return kept;
  const s = survey(sys);
  surveys.set(sys, s);
  return s;
};

/** Every host PASID anything knows about. */
export const knownPasids = (sys: System): ReadonlySet<number> => survey(sys).known;

/** Every holder's references, summed per PASID, in one pass. */
const heldTotals = (sys: System): Map<number, number> => {
  const totals = new Map<number, number>();
  for (const h of sys.holders()) for (const [id, n] of h.heldRefs()) totals.set(id, (totals.get(id) ?? 0) + n);
  return totals;
};

/** Rule 1. `known` defaults to every PASID anything knows about. */
export const checkRefcounts = (sys: System, known: ReadonlySet<number> = knownPasids(sys), totals: ReadonlyMap<number, number> = heldTotals(sys)): void => {
  for (const id of known) {
    const held = totals.get(id) ?? 0;
    const refs = sys.core.inspectId(id)?.refs ?? 0;
    if (refs !== held) {
      const who = sys.holders().flatMap((h) => { const n = h.heldRefs().get(id) ?? 0; return n === 0 ? [] : [`${h.name} ${n}`]; });
      throw new SystemViolation("refcount", `PASID ${id}: the core counts ${refs}, the actors hold ${held} (${who.join(", ") || "none"})`);
    }
  }
};

/** The set that owns an address space's PASIDs: a VM's or a process's. */
const ownerSet = (sys: System, space: AddressSpace): number | null => {
  switch (space.kind) {
    case "guest-process":
    case "vm-physical": return sys.vms.get(space.vm)?.vmm.set ?? null;
    case "host-process": return [...sys.procs.values()].find((p) => p.mm === space.mm)?.set ?? null;
    case "host-physical": return null;
  }
};

/** Pairs of PASID and owner set already found fine in one naming check: a later place naming the same pair is fine too. */
type Checked = Set<number>;
const pairKey = (pasid: number, owner: number | null): number => (owner === null ? 0 : owner + 1) * 2 ** 21 + pasid;

/** Throws unless `pasid` is live and owned by `owner`; `where` is built only for the message. */
const expectOwned = (sys: System, checked: Checked, pasid: number, owner: number | null, where: () => string): void => {
  const key = pairKey(pasid, owner);
  if (checked.has(key)) return;
  const v: IdView | null = sys.core.inspectId(pasid);
  if (v === null) throw new SystemViolation("naming", `${where()} names PASID ${pasid}, which is not live (reclaimed or never allocated)`);
  if (owner !== null && v.set !== owner) throw new SystemViolation("naming", `${where()} names PASID ${pasid}, owned by set ${v.set}, not by its owner's set ${owner}`);
  checked.add(key);
};

/** Rule 2. */
export const checkNaming = (sys: System, vtd: readonly NamedPasid[] = vtdNamed(sys.p.iommu), dsa: readonly PasidPlace[] = dsaNamed(sys.p.dsa)): void => {
  const checked: Checked = new Set();
  for (const n of vtd) {
    const owner = n.space === null ? null : ownerSet(sys, n.space);
    expectOwned(sys, checked, n.pasid, owner, () => `VT-d ${n.where} of device ${String(n.device ?? "-")}${n.space === null ? "" : ` (${addressSpaceName(n.space)})`}`);
  }
  for (const place of dsa) {
    const owner = place.owner.kind === "mdev" ? (sys.vms.get(place.owner.vm)?.vmm.set ?? null)
      : ([...sys.procs.values()].find((p) => p.wq === place.wq)?.set ?? null);
    expectOwned(sys, checked, place.pasid, owner, () => `DSA ${place.kind} on wq${place.wq}`);
  }
  for (const a of sys.vms.values()) {
    const where = (gpasid: number) => () => `VMCS of vm${a.vmm.vm} (gpasid ${gpasid})`;
    try {
      forEachPasidEntry(a.kvm.table, (gpasid, hostPasid) => expectOwned(sys, checked, hostPasid, a.vmm.set, where(gpasid)));
    } catch {
      // Report the first broken entry by ascending GPASID, as the listing orders them.
      for (const e of pasidEntries(a.kvm.table)) expectOwned(sys, checked, e.hostPasid, a.vmm.set, where(e.gpasid));
    }
  }
};

/** The GPASIDs (as text) a VMM's binds name: a bind's key is `device:gpasid`. */
const boundGpasids = (bound: ReadonlyMap<string, number>): Set<string> => {
  const out = new Set<string>();
  for (const k of bound.keys()) out.add(k.slice(k.lastIndexOf(":") + 1));
  return out;
};

/** Rule 5. */
export const checkVmcsSync = (sys: System): void => {
  for (const a of sys.vms.values()) {
    if (!a.kvm.alive || !a.created || a.destroyed) continue;
    const bound = boundGpasids(a.vmm.bound);
    const table = a.kvm.table;
    let wanted = 0;
    let same = true;
    for (const [g, h] of a.vmm.gpasids) {
      if (!bound.has(String(g))) continue;
      wanted++;
      if (hostPasidOf(table, g) !== h) same = false;
    }
    let had = 0;
    forEachPasidEntry(table, () => {
      had++;
    });
    if (same && had === wanted) continue;
    const want = new Map<number, number>();
    for (const [g, h] of a.vmm.gpasids) if (bound.has(String(g))) want.set(g, h);
    const have = new Map(pasidEntries(table).map((e) => [e.gpasid, e.hostPasid] as const));
    const show = (m: ReadonlyMap<number, number>) => JSON.stringify([...m].sort((x, y) => x[0] - y[0]));
    throw new SystemViolation("vmcs", `vm${a.vmm.vm}: the VMCS table maps ${show(have)}, the bound GPASIDs are ${show(want)}`);
  }
};

/** Rule 3. */
export const checkLanding = (rec: StepRecord): void => {
  if (rec.kind !== "dma" || rec.resolution.kind !== "translated") return;
  const s = rec.resolution.space;
  const i = rec.issuer;
  const fine = i.kind === "process"
    ? s.kind === "host-process" && s.mm === i.mm
    : (s.kind === "guest-process" && s.vm === i.vm && (i.guestMm === null || s.guestMm === i.guestMm)) || (s.kind === "vm-physical" && s.vm === i.vm);
  if (!fine) {
    const want = i.kind === "process" ? `host-mm${i.mm}` : `vm${i.vm}${i.guestMm === null ? "" : `/guest-mm${i.guestMm}`}`;
    throw new SystemViolation("landing", `DMA with PASID ${rec.pasid} landed in ${addressSpaceName(s)} (via ${rec.resolution.via}); the issuer owns ${want}`);
  }
};

/**
 * A snapshot of the IDs of `ids` outside `set` (rule 4): per such ID, its number and view
 * (state, refs, set, SPID) copied as values, in `ids`' iteration order (a snapshot is only
 * compared with one taken over the same `ids`).
 */
export type OthersSnapshot = readonly (number | string | null)[];

/** Rule 4: the snapshot of `ids` outside `set`. */
export const othersSnapshot = (sys: System, set: number | null, ids: ReadonlySet<number>): OthersSnapshot => {
  const out: (number | string | null)[] = [];
  for (const id of ids) {
    const v = sys.core.inspectId(id);
    if (v !== null && v.set !== set) out.push(id, v.state, v.refs, v.set, v.spid);
  }
  return out;
};

/** A snapshot as text, by ascending ID: `id:state/refs/set/spid`, comma-separated. */
const snapshotText = (s: OthersSnapshot): string => {
  const parts: { readonly id: number; readonly text: string }[] = [];
  for (let i = 0; i + 4 < s.length; i += 5) {
    const id = s[i];
    parts.push({ id: typeof id === "number" ? id : 0, text: `${String(id)}:${String(s[i + 1])}/${String(s[i + 2])}/${String(s[i + 3])}/${String(s[i + 4])}` });
  }
  return parts.sort((a, b) => a.id - b.id).map((p) => p.text).join(",");
};

/** Are two snapshot values the same as text (the snapshot's unit of comparison)? */
const sameValue = (a: number | string | null | undefined, b: number | string | null | undefined): boolean => a === b || String(a) === String(b);

/** Rule 4. */
export const checkIsolation = (before: OthersSnapshot, after: OthersSnapshot, vm: number): void => {
  let same = before.length === after.length;
  for (let i = 0; same && i < before.length; i++) same = sameValue(before[i], after[i]);
  if (!same) throw new SystemViolation("isolation", `a command of vm${vm}'s guest changed IDs outside its set: ${snapshotText(before)} -> ${snapshotText(after)}`);
};

/** Rule 6: after `sys.teardown()`. */
export const checkNoLeak = (sys: System, known: ReadonlySet<number>, capacity: number): void => {
  const leaks: string[] = [];
  for (const id of known) if (sys.core.inspectId(id) !== null) leaks.push(`PASID ${id} still live: ${JSON.stringify(sys.core.inspectId(id))}`);
  const probe = sys.core.allocSet({ type: "null", value: 0 }, capacity);
  if (!probe.ok) leaks.push(`the capacity is not free again (alloc_set of the whole capacity: ${probe.errno})`);
  else if (typeof probe.value === "number") sys.core.setPut(probe.value);
  if (!vtdEmpty(sys.p.iommu)) leaks.push(`VT-d still names PASIDs: ${JSON.stringify(vtdNamed(sys.p.iommu).map((n) => [n.where, n.device, n.pasid]))}`);
  if (dsaNamed(sys.p.dsa).length > 0) leaks.push(`DSA still names PASIDs: ${JSON.stringify(dsaNamed(sys.p.dsa))}`);
  for (const a of sys.vms.values()) if (pasidEntryCount(a.kvm.table) > 0) leaks.push(`VMCS of vm${a.vmm.vm} keeps ${pasidEntryCount(a.kvm.table)} entries`);
  for (const name of ["iommu", ...[...sys.vms.values()].flatMap((a) => [a.kvm.name, a.vdcm.name])]) {
    const r = sys.core.registerNotifier(null, { name, priority: "LAST", handler: () => undefined });
    if (!r.ok) leaks.push(`notifier ${name} is still registered (${r.errno})`);
    else sys.core.unregisterNotifier(null, name);
  }
  if (!isSmmuEmpty(sys.p.smmu)) leaks.push(`the SMMU still holds ${JSON.stringify(namedSsids(sys.p.smmu))}`);
  if (sys.p.work.length > 0) leaks.push(`work still pending: ${sys.p.work.labels().join(", ")}`);
  for (const h of sys.holders()) if (h.heldRefs().size > 0) leaks.push(`${h.name} still holds ${JSON.stringify([...h.heldRefs()])}`);
  if (leaks.length > 0) throw new SystemViolation("leak", leaks.join("; "));
};
