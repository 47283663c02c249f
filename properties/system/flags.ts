/**
 * The hardware-visible flags the design document's life cycles fix, checked after every step
 * (reference/004: fault reporting off after free and before unbind; VT-d PASID entries with
 * FPD; DSA work queues and drain PASID).
 *
 * Rules:
 *  1. VT-d, a present PASID entry: it translates for an IOMMU binding of that device and
 *     PASID, the PASID is ALLOCATED (not freed), and fault reporting is on (FPD clear).
 *  2. VT-d, a cleared (not present) entry: fault reporting is off (FPD set, kept through the
 *     teardown), and the entry is in one of the two windows where faults are expected: the
 *     PASID was freed and its teardown has not finished (FREE_PENDING), or the native process
 *     bound there lost its mm before its driver stopped DMA. Outside them the slot is empty
 *     and faults are reported again.
 *  3. An IOMMU binding names an ALLOCATED PASID (FREE ends every binding) and its entry is
 *     present, unless the bound process's mm is gone.
 *  4. DSA: a work queue carrying a PASID (enabled or not) is covered by a reference of the WQ's
 *     owner on that PASID: the VDCM of the VM whose mdev owns the WQ, or the native process
 *     using the host WQ.
 *  5. DSA: every descriptor in flight carries a PASID its owner still holds a reference on: the
 *     device is drained of a PASID before that reference is dropped.
 *  A PASID that is not live at all is the naming check's to report (checks.ts rule 2).
 *  Every rule is checked in full after every command; only the listing of a device's populated
 *  slots is kept per tables object (the tables are immutable values, hw-model rule 1).
 */
import type { IdView } from "../../api/core.js";
import type { Binding } from "../../hw-model/drivers/iommu-driver.js";
import type { PasidPlace, WqOwner } from "../../hw-model/dsa/index.js";
import { namedPasids as dsaNamed, ownerName } from "../../hw-model/dsa/index.js";
import type { PasidEntry } from "../../hw-model/vtd/index.js";
import type { DeviceTables, NamingEntry } from "../../hw-model/vtd/index.js";
import { entriesNaming, lookup } from "../../hw-model/vtd/index.js";
import type { System } from "../../hw-model/system/system.js";
import { SystemViolation } from "./violation.js";
import { Recent } from "./recent.js";

const fail = (detail: string): never => {
  throw new SystemViolation("flags", detail);
};

/** Is this binding's process gone (its mm released before its driver's unbind)? */
const mmGone = (sys: System, b: Binding): boolean => {
  const space = b.space;
  if (space.kind !== "host-process") return false;
  for (const pr of sys.procs.values()) if (pr.mm === space.mm) return pr.phase === "mm-gone";
  return false;
};

const stateText = (v: IdView): string => (v.state === "ALLOCATED" ? "allocated" : "freed (FREE_PENDING)");

/** The PASID entry `device` holds for `pasid`, or null. */
const entryAt = (sys: System, device: number, pasid: number): PasidEntry | null => {
  const dev = sys.p.iommu.devices.get(device);
  const r = dev === undefined ? null : lookup(dev.tables, pasid);
  return r?.ok === true ? r.value : null;
};

/** Rules 1 and 2 for one populated slot. */
const checkEntry = (sys: System, device: number, pasid: number, entry: PasidEntry): void => {
  const v = sys.core.inspectId(pasid);
  if (v === null) return;
  const binding = sys.iommu.bindingsOf(pasid).find((b) => b.device === device);
  const where = (): string => `the VT-d entry of device ${device} for PASID ${pasid}`;
  if (entry.present) {
    if (v.state !== "ALLOCATED") fail(`${where()} is still present although the PASID is ${stateText(v)}`);
    if (binding === undefined) fail(`${where()} is present but the IOMMU driver has no binding there`);
    if (entry.fpd) fail(`${where()} is present with fault reporting off (FPD set)`);
    return;
  }
  if (!entry.fpd) fail(`${where()} is cleared with fault reporting on (FPD clear): the dying PASID's faults are reported`);
  const exiting = binding !== undefined && mmGone(sys, binding);
  if (v.state !== "FREE_PENDING" && !exiting) fail(`${where()} is cleared with fault reporting off, but the PASID is ${stateText(v)} and no process bound there is exiting`);
};

/** The populated slots of a device's tables, listed once per tables object (immutable values, hw-model rule 1). */
const namings = new Recent<DeviceTables, readonly NamingEntry[]>(8);
const namingOnce = (tables: DeviceTables): readonly NamingEntry[] => {
  const kept = namings.get(tables);
  if (kept !== undefined) return kept;
  const made = entriesNaming(tables);
  namings.set(tables, made);
  return made;
};

/** Rules 1 to 3. */
const checkVtd = (sys: System): void => {
  for (const [device, dev] of sys.p.iommu.devices) {
    if (typeof device !== "number") continue;
    for (const { pasid, entry } of namingOnce(dev.tables)) checkEntry(sys, device, pasid, entry);
  }
  for (const [pasid, list] of sys.iommu.bindings()) {
    const v = sys.core.inspectId(pasid);
    for (const b of list) {
      const where = (): string => `the IOMMU binding of PASID ${pasid} on device ${b.device}`;
      if (v === null || v.state !== "ALLOCATED") fail(`${where()} outlives the PASID (${v === null ? "reclaimed" : stateText(v)})`);
      if (!mmGone(sys, b) && entryAt(sys, b.device, pasid)?.present !== true) fail(`${where()} has no present PASID entry`);
    }
  }
};

/** The references the owner of a WQ holds on `pasid`. */
const ownerRefs = (sys: System, owner: WqOwner, wq: number, pasid: number): number => {
  switch (owner.kind) {
    case "mdev": return sys.vms.get(owner.vm)?.vdcm.heldRefs().get(pasid) ?? 0;
    case "host": {
      const pr = [...sys.procs.values()].find((p) => p.wq === wq);
      return pr?.heldRefs().get(pasid) ?? 0;
    }
  }
};

/** Rules 4 and 5. */
const checkDsa = (sys: System, places: readonly PasidPlace[]): void => {
  for (const place of places) {
    if (ownerRefs(sys, place.owner, place.wq, place.pasid) > 0) continue;
    fail(place.kind === "wq-config"
      ? `WQ ${place.wq} (${ownerName(place.owner)}) carries PASID ${place.pasid}${place.enabled ? " enabled" : ""}, but its owner holds no reference on it`
      : `descriptor ${place.descriptor} of WQ ${place.wq} (${ownerName(place.owner)}) is still in flight with PASID ${place.pasid}, but its owner no longer holds a reference on it: the PASID was released before the device was drained`);
  }
};

/** Every rule; `places` are the DSA's (dsa namedPasids), when the caller has them. */
export const checkFlags = (sys: System, places: readonly PasidPlace[] = dsaNamed(sys.p.dsa)): void => {
  checkVtd(sys);
  checkDsa(sys, places);
};
