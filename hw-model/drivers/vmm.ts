/**
 * The VMM of one VM, through VFIO: the VM's IOASID set, the guest's virtual-command PASID
 * allocation, bind/unbind of guest PASIDs on devices, vIOMMU propagation, and VM death.
 *
 * Rules:
 *  1. Creating the VM allocates its MM set with the quota the host grants; the VDCM attaches to
 *     it while empty. The host may change the quota later (`adjustQuota`, adjust_set).
 *  2. vcmd alloc: a host PASID from the set plus an SPID, the lowest guest number unused in
 *     this VM: the GPASID the guest sees. vcmd free frees the host PASID (free always succeeds).
 *  3. The guest names PASIDs only by GPASID. A GPASID the VM does not hold is refused by the
 *     VMM before any core call, except that a freed GPASID's host number is remembered so that a
 *     late unbind reaches the IOMMU driver, which must refuse it harmlessly. The memory is
 *     forgotten as soon as that host number is handed to this VM again: a late unbind of a
 *     stale GPASID must never reach a PASID that was reallocated (under another GPASID).
 *  4. vIOMMU: a guest change of a PASID's first-level pointer, and the guest's flush, are
 *     propagated to the host (`propagateFlush`).
 *  5. VM death releases the set: the core frees every ID and subscribers clean up.
 */
import type { CallResult } from "../../api/result.js";
import { err, ok } from "../../api/result.js";
import { MAX_IOASID } from "../../api/constants.js";
import type { IommuDriver } from "./iommu-driver.js";
import type { Platform } from "./platform.js";
import type { Vdcm } from "./vdcm.js";
import type { RefHolder } from "./ref-holder.js";
import { VsmmuVmm } from "./vsmmu.js";
import type { SmmuState } from "../smmuv3/index.js";

export class Vmm implements RefHolder {
  readonly name: string;
  set: number | null = null;
  /** GPASID -> host PASID, for the PASIDs the guest holds. */
  readonly gpasids = new Map<number, number>();
  /** GPASID -> host PASID of freed ones (rule 3). */
  readonly freed = new Map<number, number>();
  /** (device, GPASID) -> the guest process bound there. */
  readonly bound = new Map<string, number>();
  /** The Arm profile: the VM's device behind the SMMU. */
  readonly vsmmu: VsmmuVmm;

  constructor(protected readonly p: Platform, readonly vm: number, readonly mm: number, private readonly iommu: IommuDriver, private readonly vdcm: Vdcm) {
    this.name = `vmm${vm}`;
    this.vsmmu = new VsmmuVmm(vm);
  }

  /** The allocation references: one per host PASID allocated and not freed. */
  heldRefs(): ReadonlyMap<number, number> {
    const out = new Map<number, number>();
    for (const h of this.gpasids.values()) out.set(h, 1);
    return out;
  }

  /** Rule 1. */
  create(quota: number): CallResult {
    const r = this.p.core.allocSet({ type: "mm", mm: this.mm }, quota);
    if (!r.ok || typeof r.value !== "number") return r;
    this.set = r.value;
    this.p.smmu = this.vsmmu.attach(this.p.smmu);
    const attached = this.vdcm.attach(r.value);
    return attached.ok ? r : attached;
  }

  /** Rule 1: the host changes the VM's PASID quota. */
  adjustQuota(quota: number): CallResult {
    if (this.set === null) return err("ENOENT");
    return this.p.core.adjustSet(this.set, quota);
  }

  /** Rule 2. */
  vcmdAlloc(): CallResult {
    if (this.set === null) return err("ENOENT");
    const r = this.p.core.alloc(this.set, 1, MAX_IOASID, `vm${this.vm}`);
    if (!r.ok || typeof r.value !== "number") return r;
    let g = 1;
    while (this.gpasids.has(g)) g++;
    const a = this.p.core.attachSpid(this.set, r.value, g);
    if (!a.ok) return a;
    this.gpasids.set(g, r.value);
    this.freed.delete(g);
    for (const [stale, host] of this.freed) if (host === r.value) this.freed.delete(stale); // rule 3
    return ok(g);
  }

  /** Rule 2. */
  vcmdFree(gpasid: number): CallResult {
    const host = this.gpasids.get(gpasid);
    if (host === undefined || this.set === null) return err("EINVAL");
    this.gpasids.delete(gpasid);
    this.freed.set(gpasid, host);
    for (const key of [...this.bound.keys()]) if (key.endsWith(`:${gpasid}`)) this.bound.delete(key); // the guest's binds end with its PASID
    return this.p.core.free(this.set, host);
  }

  private hostOf(gpasid: number, allowFreed: boolean): number | undefined {
    return this.gpasids.get(gpasid) ?? (allowFreed ? this.freed.get(gpasid) : undefined);
  }

  bind(device: number, gpasid: number, guestMm: number): CallResult {
    const host = this.hostOf(gpasid, false);
    if (host === undefined || this.set === null) return err("EINVAL");
    const r = this.iommu.bind(this.set, host, device, { kind: "guest-process", vm: this.vm, guestMm });
    if (r.ok) this.bound.set(`${device}:${gpasid}`, guestMm);
    return r;
  }

  /** Rule 3: a late unbind of a freed GPASID goes through and must fail in the IOMMU driver. */
  unbind(device: number, gpasid: number): CallResult {
    const host = this.hostOf(gpasid, true);
    if (host === undefined || this.set === null) return err("EINVAL");
    this.bound.delete(`${device}:${gpasid}`);
    return this.iommu.unbind(this.set, host, device);
  }

  /** Rule 4: the guest points its PASID at another of its processes, then flushes. */
  switchMm(device: number, gpasid: number, guestMm: number): CallResult {
    const host = this.hostOf(gpasid, false);
    if (host === undefined || !this.bound.has(`${device}:${gpasid}`)) return err("EINVAL");
    const r = this.iommu.rebind(host, device, { kind: "guest-process", vm: this.vm, guestMm });
    if (!r.ok) return r;
    this.bound.set(`${device}:${gpasid}`, guestMm);
    this.propagateFlush(host);
    return r;
  }

  /** Rule 4: the guest's first-level IOTLB flush reaches the host IOMMU. */
  protected propagateFlush(host: number): void {
    this.iommu.flush(host);
  }

  /** Rule 4, Arm profile: the guest writes a CD of its own table and invalidates it on its vSMMU. */
  smmuCdWrite(ssid: number, guestMm: number): CallResult {
    if (this.set === null || !Number.isInteger(ssid) || ssid < 0 || ssid >= 1 << 2) return err("EINVAL");
    this.p.smmu = this.vsmmu.guestCdWrite(this.p.smmu, ssid, guestMm, (s) => this.propagateSmmu(s));
    return ok(null);
  }

  /** Rule 4, Arm profile: the guest's vSMMU commands reach the physical SMMU. */
  protected propagateSmmu(s: SmmuState): SmmuState {
    return this.vsmmu.propagate(s);
  }

  /** The guest process the VM expects `gpasid` on `device` to reach, if bound. */
  expectedProcess(device: number, gpasid: number): number | undefined {
    return this.bound.get(`${device}:${gpasid}`);
  }

  /** Rule 5. */
  destroy(): CallResult {
    if (this.set === null) return err("ENOENT");
    const r = this.p.core.setPut(this.set);
    this.p.smmu = this.vsmmu.destroy(this.p.smmu);
    for (const [g, h] of this.gpasids) this.freed.set(g, h);
    this.gpasids.clear();
    this.bound.clear();
    return r;
  }
}
