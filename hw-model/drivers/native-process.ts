/**
 * A native SVA process using a host-owned DSA work queue (reference/004, native life cycle).
 *
 * Rules:
 *  1. open: the SVA bind allocates the process's PASID from its mm's set (created on first use)
 *     and binds it on the DSA device at first level; the DSA driver programs the WQ.
 *  2. close: the driver stops DMA (drain), clears the WQ, and unbinds.
 *  3. exit in the bad order: mm teardown (the IOMMU tears the PASID down with fault reporting
 *     off) may come before the driver stops DMA; DMA in between faults unreported. The PASID is
 *     freed at the last mm drop, after close.
 */
import type { CallResult } from "../../api/result.js";
import { err, ok } from "../../api/result.js";
import { MAX_IOASID } from "../../api/constants.js";
import { clearWqPasid, configureDedicated, drainPasid } from "../dsa/index.js";
import type { IommuDriver } from "./iommu-driver.js";
import type { Platform } from "./platform.js";
import { dsaOk, DriverModelError } from "./platform.js";
import type { RefHolder } from "./ref-holder.js";

/** The PASID quota of a process's set. */
export const PROC_QUOTA = 2;

/** Where a process is in its life. */
export type ProcessPhase = "idle" | "open" | "mm-gone" | "closed";

export class NativeProcess implements RefHolder {
  readonly name: string;
  set: number | null = null;
  pasid: number | null = null;
  phase: ProcessPhase = "idle";
  /** Whether the PASID was freed (the allocation reference dropped). */
  private freed = true;

  constructor(protected readonly p: Platform, readonly mm: number, readonly wq: number, private readonly iommu: IommuDriver) {
    this.name = `process-mm${mm}`;
  }

  heldRefs(): ReadonlyMap<number, number> {
    return this.pasid === null || this.freed ? new Map() : new Map([[this.pasid, 1]]);
  }

  /** Rule 1. */
  open(): CallResult {
    if (this.phase !== "idle" && this.phase !== "closed") return err("EBUSY");
    if (this.set === null) {
      const s = this.p.core.allocSet({ type: "mm", mm: this.mm }, PROC_QUOTA);
      if (!s.ok || typeof s.value !== "number") return s;
      this.set = s.value;
    }
    const a = this.p.core.alloc(this.set, 1, MAX_IOASID, `mm${this.mm}`);
    if (!a.ok || typeof a.value !== "number") return a;
    this.pasid = a.value;
    this.freed = false;
    const b = this.iommu.bind(this.set, a.value, this.p.shape.dsaDevice, { kind: "host-process", mm: this.mm });
    if (!b.ok) return b;
    this.p.dsa = dsaOk(configureDedicated(this.p.dsa, this.wq, { pasid: a.value, pasidEnabled: true, privileged: false }), "program host wq");
    this.phase = "open";
    return ok(a.value);
  }

  /** Rule 2. */
  close(): CallResult {
    if (this.pasid === null || this.set === null || (this.phase !== "open" && this.phase !== "mm-gone")) return err("EINVAL");
    const drained = drainPasid(this.p.dsa, this.pasid);
    if (!drained.ok) throw new DriverModelError(drained.error);
    this.p.dsa = dsaOk(clearWqPasid(drained.dev, this.wq), "clear host wq");
    const u = this.iommu.unbind(this.set, this.pasid, this.p.shape.dsaDevice);
    this.phase = "closed";
    if (!this.freed) this.mmdrop();
    return u;
  }

  /** Rule 3: the mm goes away while the WQ may still run. */
  exitMmFirst(): CallResult {
    if (this.pasid === null || this.phase !== "open") return err("EINVAL");
    this.iommu.releaseMm(this.pasid);
    this.phase = "mm-gone";
    return ok(null);
  }

  /** The last mm drop frees the PASID and the set. */
  private mmdrop(): void {
    if (this.pasid === null || this.set === null) return;
    this.p.core.free(this.set, this.pasid);
    this.freed = true;
    this.p.core.setPut(this.set);
    this.set = null;
  }
}
