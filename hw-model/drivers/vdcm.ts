/**
 * The VDCM of one VM: composes its mdev out of DSA work queues and programs host PASIDs into
 * them on the guest's behalf.
 *
 * Rules:
 *  1. It registers on the VM's set at DEVICE priority while the set is still empty.
 *  2. A guest's PASID write to a WQ of its own mdev is translated with find_by_spid, which takes
 *     the reference the VDCM keeps while the WQ carries that host PASID.
 *  3. Clearing a WQ clears its PASID configuration and drains the PASID from the device, and only
 *     then drops the reference: PASID life cycles never cross on one device.
 *  4. On FREE the clearing is queued as deferred work (it needs thread context).
 */
import type { Delivery } from "../../api/notification.js";
import type { CallResult } from "../../api/result.js";
import { err, ok } from "../../api/result.js";
import { clearWqPasid, configureDedicated, drainPasid } from "../dsa/index.js";
import type { Platform } from "./platform.js";
import { dsaOk, DriverModelError, vmWqs } from "./platform.js";
import type { RefHolder } from "./ref-holder.js";
import { bump } from "./ref-holder.js";

export class Vdcm implements RefHolder {
  readonly name: string;
  /** WQ -> the host PASID programmed into it. */
  protected readonly programmed = new Map<number, number>();
  protected readonly refs = new Map<number, number>();
  protected set: number | null = null;

  constructor(protected readonly p: Platform, readonly vm: number) {
    this.name = `vdcm${vm}`;
  }

  heldRefs(): ReadonlyMap<number, number> {
    return this.refs;
  }

  /** The host PASID a WQ carries, if any. */
  programmedOn(wq: number): number | undefined {
    return this.programmed.get(wq);
  }

  /** Rule 1. */
  attach(set: number): CallResult {
    this.set = set;
    return this.p.core.registerNotifier(set, { name: this.name, priority: "DEVICE", handler: (d) => this.onEvent(d) });
  }

  /** Rule 2: the guest writes `gpasid` into WQ `wq` of its mdev. */
  mdevWrite(wq: number, gpasid: number): CallResult {
    if (this.set === null || !vmWqs(this.p.shape, this.vm).includes(wq)) return err("EACCES");
    if (this.programmed.has(wq)) this.mdevClear(wq);
    const found = this.p.core.findBySpid(this.set, gpasid);
    if (!found.ok || typeof found.value !== "number") return found;
    const host = found.value;
    bump(this.refs, host, 1);
    this.p.dsa = dsaOk(configureDedicated(this.p.dsa, wq, { pasid: host, pasidEnabled: true, privileged: false }), "vdcm program");
    this.programmed.set(wq, host);
    return ok(null);
  }

  /** Rule 3: the guest (or teardown) clears WQ `wq`. */
  mdevClear(wq: number): CallResult {
    const host = this.programmed.get(wq);
    if (host === undefined || this.set === null) return ok(null);
    this.clearDevice(wq, host);
    this.programmed.delete(wq);
    return this.release(host);
  }

  protected clearDevice(wq: number, host: number): void {
    this.p.dsa = dsaOk(clearWqPasid(this.p.dsa, wq), "vdcm clear");
    const drained = drainPasid(this.p.dsa, host);
    if (!drained.ok) throw new DriverModelError(drained.error);
    this.p.dsa = drained.dev;
  }

  protected release(host: number): CallResult {
    const r = this.p.core.put(this.set, host);
    if (r.ok) bump(this.refs, host, -1);
    return r;
  }

  /** Rule 4. */
  protected onEvent(d: Delivery): void {
    if (d.event !== "FREE") return;
    for (const [wq, host] of this.programmed) {
      if (host !== d.id) continue;
      this.p.work.schedule(`${this.name}-clear wq${wq}`, () => {
        if (this.programmed.get(wq) === d.id) this.mdevClear(wq); // the guest may have reprogrammed it since
      });
    }
  }
}
