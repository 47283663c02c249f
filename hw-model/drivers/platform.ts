/**
 * The platform the drivers program: the VT-d unit, the shared DSA device, an SMMUv3 (the Arm
 * profile), the deferred-work queue, and the IOASID core under test (injected; reached only
 * through IoasidCore).
 *
 * Rules:
 *  1. Hardware tables are immutable values; the platform holds the current one of each.
 *  2. A table operation the drivers ask for and the model refuses is a bug in the driver model,
 *     reported as a thrown DriverModelError (never swallowed).
 *  3. Deferred work runs only when the command sequence says so (`runOldest`), in FIFO order.
 */
import type { IoasidCore } from "../../api/core.js";
import type { IommuState, VtdResult } from "../vtd/index.js";
import { addDevice, emptyIommu } from "../vtd/index.js";
import type { DsaDevice } from "../dsa/index.js";
import type { SmmuState } from "../smmuv3/index.js";
import { emptySmmu } from "../smmuv3/index.js";
import { assignWq, createDsaDevice } from "../dsa/index.js";

/** A table operation refused by the hardware model: a bug in a driver model. */
export class DriverModelError extends Error {
  override readonly name = "DriverModelError";
}

/** Unwrap a VT-d result or throw (rule 2). */
export const vtd = <T>(r: VtdResult<T>, what: string): T => {
  if (!r.ok) throw new DriverModelError(`${what}: ${r.error}`);
  return r.value;
};

/** Unwrap a DSA result or throw (rule 2). */
export const dsaOk = (r: { readonly ok: true; readonly dev: DsaDevice } | { readonly ok: false; readonly error: string }, what: string): DsaDevice => {
  if (!r.ok) throw new DriverModelError(`${what}: ${r.error}`);
  return r.dev;
};

/** One deferred work item. */
export interface WorkItem {
  readonly label: string;
  readonly run: () => void;
}

/** The deferred-work queue (rule 3). */
export class DeferredWork {
  private readonly items: WorkItem[] = [];
  schedule(label: string, run: () => void): void {
    this.items.push({ label, run });
  }
  /** Run the oldest item; its label, or null when none waits. */
  runOldest(): string | null {
    const item = this.items.shift();
    if (item === undefined) return null;
    item.run();
    return item.label;
  }
  get length(): number {
    return this.items.length;
  }
  labels(): readonly string[] {
    return this.items.map((i) => i.label);
  }
}

/** The fixed shape of a platform. */
export interface PlatformShape {
  /** VM ids. */
  readonly vms: readonly number[];
  /** Requester id of the DSA device shared by every VM's mdevs and by native processes. */
  readonly dsaDevice: number;
  /** Work queues per VM mdev: wq ids in order; the host's WQs follow them. */
  readonly wqsPerVm: number;
  readonly hostWqs: number;
}

/** Two VMs, one DSA device with two WQs per VM and two for the host. */
export const DEFAULT_SHAPE: PlatformShape = { vms: [1, 2], dsaDevice: 50, wqsPerVm: 2, hostWqs: 2 };

/** The assigned (passthrough) device of VM `vm` on VT-d. */
export const assignedDevice = (vm: number): number => 10 + vm;

const wqLists = new WeakMap<PlatformShape, Map<number, readonly number[]>>();

/** The WQ ids of VM `vm`'s mdev (one frozen list per shape and VM: a shape is a fixed value). */
export const vmWqs = (shape: PlatformShape, vm: number): readonly number[] => {
  let perVm = wqLists.get(shape);
  if (perVm === undefined) {
    perVm = new Map();
    wqLists.set(shape, perVm);
  }
  const kept = perVm.get(vm);
  if (kept !== undefined) return kept;
  const i = shape.vms.indexOf(vm);
  const list = Object.freeze(Array.from({ length: shape.wqsPerVm }, (_, k) => i * shape.wqsPerVm + k));
  perVm.set(vm, list);
  return list;
};

/** The host's WQ ids. */
export const hostWqs = (shape: PlatformShape): readonly number[] =>
  Array.from({ length: shape.hostWqs }, (_, k) => shape.vms.length * shape.wqsPerVm + k);

/** The hardware and the core. */
export class Platform {
  iommu: IommuState;
  dsa: DsaDevice;
  smmu: SmmuState = emptySmmu();
  readonly work = new DeferredWork();

  constructor(readonly core: IoasidCore, readonly shape: PlatformShape = DEFAULT_SHAPE) {
    let iommu = vtd(addDevice(emptyIommu(), shape.dsaDevice, { ats: true }), "add DSA device");
    for (const vm of shape.vms) iommu = vtd(addDevice(iommu, assignedDevice(vm), { ats: true }), `add device of vm${vm}`);
    this.iommu = iommu;
    const created = createDsaDevice(shape.dsaDevice, shape.vms.length * shape.wqsPerVm + shape.hostWqs);
    if (!created.ok) throw new DriverModelError(created.error);
    let dsa = created.dev;
    for (const vm of shape.vms) for (const wq of vmWqs(shape, vm)) dsa = dsaOk(assignWq(dsa, wq, vm, 0), `assign wq${wq} to vm${vm}`);
    this.dsa = dsa;
  }
}
