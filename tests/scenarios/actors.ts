/**
 * Minimal actors of the design document's guest life cycle (reference/004), written against
 * IoasidCore so the scenarios run on any core: KVM (per-VM MM notifier, CPU priority), VDCM
 * (per-set notifier, DEVICE priority), the IOMMU driver (global, IOMMU priority) and VFIO.
 * Deferred work goes to a queue that the scenario drains step by step.
 */
import type { IoasidCore } from "../../api/core.js";
import type { Delivery } from "../../api/notification.js";
import type { CallResult } from "../../api/result.js";

/** A work queue run by the scenario. */
export class WorkQueue {
  private readonly items: Array<{ readonly name: string; readonly run: () => void }> = [];
  schedule(name: string, run: () => void): void {
    this.items.push({ name, run });
  }
  /** Run the oldest item; its name, or null when empty. */
  runOne(): string | null {
    const item = this.items.shift();
    if (item === undefined) return null;
    item.run();
    return item.name;
  }
  get length(): number {
    return this.items.length;
  }
}

/** Everything delivered, as "EVENT->notifier", in order. */
export class DeliveryLog {
  readonly lines: string[] = [];
  record(d: Delivery): void {
    this.lines.push(`${d.event}->${d.notifier}`);
  }
  take(): string[] {
    return this.lines.splice(0);
  }
}

const value = (r: CallResult): number => {
  if (!r.ok || typeof r.value !== "number") throw new Error(`expected a number, got ${JSON.stringify(r)}`);
  return r.value;
};

/** KVM: keeps the guest-to-host PASID table; references taken and dropped under the lock. */
export class Kvm {
  readonly vmcs = new Map<number, number>();
  refsInHandler: number[] = [];
  constructor(core: IoasidCore, private readonly log: DeliveryLog, mm: number) {
    const r = core.registerNotifierMm(mm, { name: "kvm", priority: "CPU", handler: (d, c) => this.onEvent(d, c) });
    if (!r.ok) throw new Error(`kvm register: ${r.errno}`);
  }
  private onEvent(d: Delivery, c: IoasidCore): void {
    this.log.record(d);
    if (d.event === "BIND" && d.spid !== null && c.getLocked(d.set, d.id).ok) this.vmcs.set(d.spid, d.id);
    const bound = d.spid !== null && this.vmcs.get(d.spid) === d.id;
    if ((d.event === "UNBIND" || d.event === "FREE") && bound && d.spid !== null) {
      this.vmcs.delete(d.spid);
      c.putLocked(d.set, d.id);
      this.refsInHandler.push(c.inspectId(d.id)?.refs ?? 0);
    }
  }
}

/** VDCM: programs host PASIDs into the device; clears on FREE through deferred work. */
export class Vdcm {
  readonly device = new Map<number, number>();
  constructor(private readonly core: IoasidCore, private readonly log: DeliveryLog, private readonly work: WorkQueue, private readonly set: number) {
    const r = core.registerNotifier(set, { name: "vdcm", priority: "DEVICE", handler: (d) => this.onEvent(d) });
    if (!r.ok) throw new Error(`vdcm register: ${r.errno}`);
  }
  /** The guest writes a guest PASID into its mdev: translate it, keeping the reference. */
  mdevWrite(wq: number, gpasid: number): CallResult {
    const r = this.core.findBySpid(this.set, gpasid);
    if (r.ok && typeof r.value === "number") this.device.set(wq, r.value);
    return r;
  }
  /** Clear the device, then release the reference. */
  mdevClear(wq: number): CallResult | null {
    const host = this.device.get(wq);
    if (host === undefined) return null;
    this.device.delete(wq);
    return this.core.put(this.set, host);
  }
  private onEvent(d: Delivery): void {
    this.log.record(d);
    if (d.event !== "FREE") return;
    for (const [wq, host] of this.device) if (host === d.id) this.work.schedule("vdcm-clear", () => this.mdevClear(wq));
  }
}

/** IOMMU driver: binds PASIDs to devices, publishes BIND/UNBIND, tears down on FREE. */
export class Iommu {
  readonly bound = new Map<number, number>();
  constructor(private readonly core: IoasidCore, private readonly log: DeliveryLog, private readonly work: WorkQueue) {
    const r = core.registerNotifier(null, { name: "iommu", priority: "IOMMU", handler: (d) => this.onEvent(d) });
    if (!r.ok) throw new Error(`iommu register: ${r.errno}`);
  }
  bind(set: number, id: number): CallResult {
    const r = this.core.get(set, id);
    if (!r.ok) return r;
    this.bound.set(id, set);
    return this.core.notify(set, id, "BIND");
  }
  /** Unbind: the ID must still be findable, else the unbind fails and nothing else changes. */
  unbind(set: number, id: number): CallResult {
    const found = this.core.find(set, id, "none");
    if (!found.ok) return found;
    return this.core.notify(set, id, "UNBIND");
  }
  /** Drop the bind's reference. */
  release(id: number): CallResult | null {
    const set = this.bound.get(id);
    if (set === undefined) return null;
    this.bound.delete(id);
    return this.core.put(null, id);
  }
  private onEvent(d: Delivery): void {
    this.log.record(d);
    if (d.event === "FREE" && this.bound.has(d.id)) this.work.schedule("iommu-teardown", () => this.release(d.id));
  }
}

/** VFIO: creates the VM's set and serves the guest's virtual-command PASID allocation. */
export class Vfio {
  readonly set: number;
  constructor(private readonly core: IoasidCore, mm: number, quota: number) {
    this.set = value(core.allocSet({ type: "mm", mm }, quota));
  }
  vcmdAlloc(gpasid: number): number {
    const host = value(this.core.alloc(this.set, 1, 0xfffff, null));
    const r = this.core.attachSpid(this.set, host, gpasid);
    if (!r.ok) throw new Error(`attach_spid: ${r.errno}`);
    return host;
  }
  vcmdFree(host: number): CallResult {
    return this.core.free(this.set, host);
  }
}
