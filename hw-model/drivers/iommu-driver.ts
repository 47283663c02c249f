/**
 * The IOMMU driver: programs PASID entries, publishes BIND/UNBIND, and tears PASIDs down.
 *
 * Rules:
 *  1. It registers on the global chain at IOMMU priority, once, at boot.
 *  2. A bind takes one reference (get), programs the device's PASID entry, then publishes BIND;
 *     the core delivers only the first BIND of an ID.
 *  3. An unbind first finds the ID through the caller's set: if that fails (freed, reclaimed,
 *     another owner's) the unbind is refused and nothing changes. Otherwise it tears the entry
 *     down in hardware order, publishes UNBIND and drops its reference.
 *  4. On FREE of a bound ID it turns fault reporting off at once (FPD, present cleared) and
 *     queues the rest of the teardown as work; the work drops the bind references.
 *  5. `teardown` is the hardware-order sequence: clear present, PASID-cache, IOTLB and
 *     device-TLB invalidation, drain page requests, empty the slot.
 */
import type { Delivery } from "../../api/notification.js";
import type { CallResult } from "../../api/result.js";
import { err } from "../../api/result.js";
import type { AddressSpace } from "../address-space.js";
import type { PasidEntry, TeardownStep } from "../vtd/index.js";
import { applyTeardownStep, clearPasidPresent, firstLevelEntry, nestedEntry, setPasidEntry, submitInvalidation, teardownStepsFor } from "../vtd/index.js";
import type { Platform } from "./platform.js";
import { vtd } from "./platform.js";
import type { RefHolder } from "./ref-holder.js";
import { bump } from "./ref-holder.js";

/** One device bind of a host PASID. */
export interface Binding {
  readonly device: number;
  readonly set: number;
  readonly space: AddressSpace;
}

/** The entry a binding programs: nested for a guest process, first level for a host process. */
const entryFor = (space: AddressSpace, did: number): PasidEntry | null => {
  switch (space.kind) {
    case "guest-process": return nestedEntry(did, space.vm, space.guestMm);
    case "host-process": return firstLevelEntry(did, space);
    case "vm-physical": return null;
    case "host-physical": return null;
  }
};

/** The domain ID an owner's entries carry: one domain per VM, one for the host. */
const didOf = (space: AddressSpace): number => (space.kind === "guest-process" || space.kind === "vm-physical" ? space.vm : 0x100);

export class IommuDriver implements RefHolder {
  readonly name = "iommu";
  protected readonly binds = new Map<number, Binding[]>();
  private readonly refs = new Map<number, number>();

  constructor(protected readonly p: Platform) {}

  /** Rule 1. */
  boot(): CallResult {
    return this.p.core.registerNotifier(null, { name: "iommu", priority: "IOMMU", handler: (d) => this.onEvent(d) });
  }

  heldRefs(): ReadonlyMap<number, number> {
    return this.refs;
  }

  /** The bindings of a host PASID. */
  bindingsOf(pasid: number): readonly Binding[] {
    return this.binds.get(pasid) ?? [];
  }

  /** Every bound host PASID with its bindings. */
  bindings(): ReadonlyMap<number, readonly Binding[]> {
    return this.binds;
  }

  /** Rule 2: bind `pasid` of `set` on `device` to `space`. */
  bind(set: number, pasid: number, device: number, space: AddressSpace): CallResult {
    const entry = entryFor(space, didOf(space));
    if (entry === null) return err("EINVAL");
    if (this.bindingsOf(pasid).some((b) => b.device === device)) return err("EBUSY");
    const got = this.p.core.get(set, pasid);
    if (!got.ok) return got;
    bump(this.refs, pasid, 1);
    this.p.iommu = vtd(setPasidEntry(this.p.iommu, device, pasid, entry), `bind pasid ${pasid} on ${device}`);
    this.binds.set(pasid, [...this.bindingsOf(pasid), { device, set, space }]);
    return this.p.core.notify(set, pasid, "BIND");
  }

  /** Rule 3. */
  unbind(set: number, pasid: number, device: number): CallResult {
    const found = this.p.core.find(set, pasid, "none");
    if (!found.ok) return found;
    const binding = this.bindingsOf(pasid).find((b) => b.device === device);
    if (binding === undefined) return err("EINVAL");
    this.teardown(device, pasid, false);
    this.forget(pasid, device);
    const published = this.p.core.notify(set, pasid, "UNBIND");
    this.release(set, pasid);
    return published;
  }

  /** The guest switched the process behind its PASID: rewrite the first-level pointer (memory only). */
  rebind(pasid: number, device: number, space: AddressSpace): CallResult {
    const entry = entryFor(space, didOf(space));
    const list = this.bindingsOf(pasid);
    if (entry === null || !list.some((b) => b.device === device)) return err("EINVAL");
    this.p.iommu = vtd(setPasidEntry(this.p.iommu, device, pasid, entry), `rebind pasid ${pasid}`);
    this.binds.set(pasid, list.map((b) => (b.device === device ? { ...b, space } : b)));
    return { ok: true, value: null };
  }

  /** Propagated guest flush: PASID cache, IOTLB and device-TLB of every device bound to `pasid`. */
  flush(pasid: number): void {
    for (const b of this.bindingsOf(pasid)) {
      const did = didOf(b.space);
      for (const descriptor of [
        { kind: "pasid-cache", did, pasid } as const,
        { kind: "piotlb", did, pasid } as const,
        { kind: "dev-tlb", device: b.device, pasid } as const,
      ]) this.p.iommu = vtd(submitInvalidation(this.p.iommu, descriptor), "flush");
    }
  }

  /**
   * Process exit before the driver stopped DMA: tear the translation down with fault reporting
   * off, but keep the cleared entry (FPD set) and the bind until the driver's unbind.
   */
  releaseMm(pasid: number): void {
    for (const b of this.bindingsOf(pasid)) this.teardown(b.device, pasid, true, false);
  }

  /** Rule 5: the steps, in order (a broken driver overrides `steps` to skip some). */
  protected steps(device: number, pasid: number, setFpd: boolean): readonly TeardownStep[] {
    const r = teardownStepsFor(this.p.iommu, device, pasid, setFpd);
    return r.ok ? r.value : [];
  }

  protected teardown(device: number, pasid: number, setFpd: boolean, emptySlot = true): void {
    for (const step of this.steps(device, pasid, setFpd)) {
      if (step.kind === "remove-entry" && !emptySlot) continue;
      this.p.iommu = vtd(applyTeardownStep(this.p.iommu, step), "teardown");
    }
  }

  protected forget(pasid: number, device: number): void {
    const rest = this.bindingsOf(pasid).filter((b) => b.device !== device);
    if (rest.length === 0) this.binds.delete(pasid);
    else this.binds.set(pasid, rest);
  }

  protected release(set: number | null, pasid: number): void {
    const r = this.p.core.put(set, pasid);
    if (r.ok) bump(this.refs, pasid, -1);
  }

  /** Rule 4. */
  protected onEvent(d: Delivery): void {
    if (d.event !== "FREE") return;
    const list = this.bindingsOf(d.id);
    if (list.length === 0) return;
    for (const b of list) {
      const cleared = clearPasidPresent(this.p.iommu, b.device, d.id, true);
      if (cleared.ok) this.p.iommu = cleared.value;
    }
    this.binds.delete(d.id);
    this.p.work.schedule(`iommu-teardown ${d.id}`, () => {
      for (const b of list) {
        this.teardown(b.device, d.id, true);
        this.release(null, d.id);
      }
    });
  }
}
