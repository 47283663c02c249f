/**
 * The choices a system command's seeds resolve to, read from the current system: which VM,
 * GPASID, device, WQ, SSID and quota. Each pick mixes the ordinary choice with the dangerous
 * ones (stale and foreign numbers, a second device or WQ for one PASID, quotas at the edges).
 *
 * Rules:
 *  1. A pick reads a seed's low bits to choose a category and the remaining bits to choose
 *     within it; an empty category falls back to the next one, so every seed resolves.
 *  2. Quotas at the edges (the "capacity and quota edges"): exactly the capacity left,
 *     one more, one less, the whole capacity; for adjust_quota also exactly the IDs held, one
 *     less and one more. They are computed from the quota view (quota.ts), so they stay exact
 *     after sets were destroyed and their quotas returned.
 */
import { SYSTEM_CAPACITY } from "../../api/constants.js";
import type { DeviceRole } from "../../hw-model/system/commands.js";
import type { System } from "../../hw-model/system/system.js";
import { assignedDevice, vmWqs } from "../../hw-model/drivers/platform.js";
import type { QuotaBias } from "./swarm.js";
import { quotaView } from "./quota.js";
import { surveyNow } from "./checks.js";

export const pick = <T>(xs: readonly T[], seed: number): T | undefined => (xs.length === 0 ? undefined : xs[seed % xs.length]);

/** A VM id: a live one (most) or any. */
export const pickVm = (sys: System, seed: number): number => {
  const live = [...sys.vms.keys()].filter((vm) => sys.liveVm(vm) !== undefined);
  return (seed % 9 !== 0 ? pick(live, seed >> 3) : undefined) ?? pick([...sys.vms.keys()], seed) ?? 1;
};

/** The VM vm_create names: one not created yet, else (one seed in eight) as pickVm; else none. */
export const pickNewVm = (sys: System, seed: number): number | undefined => {
  const fresh = [...sys.vms.keys()].filter((vm) => sys.vms.get(vm)?.created === false);
  return pick(fresh, seed >> 3) ?? (seed % 8 === 0 ? pickVm(sys, seed) : undefined);
};

/** A GPASID for VM `vm`: one it holds (most), one it freed (stale), or a small raw number. */
export const pickGpasid = (sys: System, vm: number, seed: number): number => {
  const a = sys.vms.get(vm);
  const held = a === undefined ? [] : [...a.vmm.gpasids.keys()];
  const freed = a === undefined ? [] : [...a.vmm.freed.keys()];
  const cat = seed % 8;
  if (cat < 5) return pick(held, seed >> 3) ?? 1 + ((seed >> 3) % 3);
  if (cat < 7) return pick(freed, seed >> 3) ?? pick(held, seed >> 3) ?? 1;
  return 1 + ((seed >> 3) % 4);
};

/** The devices (as roles) VM `vm` has bound GPASID `g` on. */
export const boundRoles = (sys: System, vm: number, g: number): readonly DeviceRole[] => {
  const a = sys.vms.get(vm);
  if (a === undefined) return [];
  const out: DeviceRole[] = [];
  if (a.vmm.expectedProcess(sys.p.shape.dsaDevice, g) !== undefined) out.push("dsa");
  if (a.vmm.expectedProcess(assignedDevice(vm), g) !== undefined) out.push("assigned");
  return out;
};

/** The WQs of VM `vm` programmed with the host PASID of GPASID `g`. */
const wqsCarrying = (sys: System, vm: number, g: number): number => {
  const a = sys.vms.get(vm);
  const host = a?.vmm.gpasids.get(g);
  return a === undefined || host === undefined ? 0 : vmWqs(sys.p.shape, vm).filter((wq) => a.vdcm.programmedOn(wq) === host).length;
};

/**
 * A GPASID of VM `vm` in use: bound on two devices or programmed on two WQs (when `pairs`, or
 * one seed in eight), one whose PASID has descriptors in flight (one seed in four), one bound on
 * the DSA device and programmed on a WQ (one in eight), bound on the DSA device (most), else as
 * pickGpasid.
 */
export const pickBoundGpasid = (sys: System, vm: number, seed: number, pairs = false): number => {
  const a = sys.vms.get(vm);
  const held = a === undefined ? [] : [...a.vmm.gpasids.entries()];
  const doubled = held.filter(([g]) => boundRoles(sys, vm, g).length === 2 || wqsCarrying(sys, vm, g) >= 2).map(([g]) => g);
  const busy = seed % 8 === 2 || seed % 8 === 3 ? held.filter(([, h]) => [...sys.p.dsa.inFlight.values()].some((d) => d.pasid === h)).map(([g]) => g) : [];
  const onDsa = held.filter(([g]) => boundRoles(sys, vm, g).includes("dsa")).map(([g]) => g);
  const programmed = seed % 8 === 4 ? onDsa.filter((g) => wqsCarrying(sys, vm, g) > 0) : [];
  return ((pairs || seed % 8 === 1) ? pick(doubled, seed >> 3) : undefined)
    ?? pick(busy, seed >> 3)
    ?? pick(programmed, seed >> 3)
    ?? (seed % 4 !== 0 ? pick(onDsa, seed >> 2) : undefined)
    ?? pickGpasid(sys, vm, seed);
};

/**
 * The device a guest binds `g` on: the one it is not bound on yet when it is bound on one (most,
 * always when `pairs`), else the DSA device three times in four.
 */
export const pickBindDevice = (sys: System, vm: number, g: number, seed: number, pairs = false): DeviceRole => {
  const bound = boundRoles(sys, vm, g);
  if (bound.length === 1 && (pairs || seed % 4 !== 3)) return bound[0] === "dsa" ? "assigned" : "dsa";
  return seed % 4 === 0 ? "assigned" : "dsa";
};

/** A (GPASID, device) a guest unbinds: a bound pair (most; one bound twice when `pairs`), else any. */
export const pickUnbind = (sys: System, vm: number, seed: number, pairs = false): { readonly gpasid: number; readonly device: DeviceRole } => {
  const a = sys.vms.get(vm);
  const held = a === undefined ? [] : [...a.vmm.gpasids.keys()];
  const pairsOf = (gs: readonly number[]) => gs.flatMap((g) => boundRoles(sys, vm, g).map((device) => ({ gpasid: g, device })));
  const twice = pairsOf(held.filter((g) => boundRoles(sys, vm, g).length === 2));
  const chosen = ((pairs || seed % 8 === 1) ? pick(twice, seed >> 3) : undefined) ?? (seed % 4 !== 0 ? pick(pairsOf(held), seed >> 2) : undefined);
  return chosen ?? { gpasid: pickGpasid(sys, vm, seed), device: (seed >> 1) % 4 === 0 ? "assigned" : "dsa" };
};

/** A guest SSID: one the guest wrote (most), any in its table, or one beyond it (5). */
export const pickSsid = (sys: System, vm: number, seed: number): number => {
  const written = [...(sys.vms.get(vm)?.vmm.vsmmu.cds.keys() ?? [])];
  const cat = seed % 9;
  if (cat === 8) return 5;
  return (cat < 5 ? pick(written, seed >> 4) : undefined) ?? (seed >> 4) % 4;
};

/**
 * A WQ for VM `vm`: one of its own still carrying a freed PASID (one seed in four: DMA in the
 * window before the VDCM clears it), a programmed one of its own (most), any of its own, or
 * another VM's (hostile).
 */
export const pickWq = (sys: System, vm: number, seed: number): number => {
  const own = vmWqs(sys.p.shape, vm);
  const carried = (wq: number): number | undefined => sys.vms.get(vm)?.vdcm.programmedOn(wq);
  const programmed = own.filter((wq) => carried(wq) !== undefined);
  const dying = seed % 4 === 1 ? programmed.filter((wq) => sys.core.inspectId(carried(wq) ?? 0)?.state === "FREE_PENDING") : [];
  const others = sys.p.shape.vms.filter((v) => v !== vm).flatMap((v) => vmWqs(sys.p.shape, v));
  const cat = seed % 8;
  return pick(dying, seed >> 3) ?? (cat === 0 ? pick(others, seed >> 3) : cat < 5 ? pick(programmed, seed >> 3) : undefined) ?? pick(own, seed >> 3) ?? 0;
};

/** For dma and dma_start: as pickWq when VM `vm` has a programmed WQ or for one seed in eight; else none. */
export const pickBusyWq = (sys: System, vm: number, seed: number): number | undefined => {
  const programmed = vmWqs(sys.p.shape, vm).some((wq) => sys.vms.get(vm)?.vdcm.programmedOn(wq) !== undefined);
  return programmed || seed % 8 === 0 ? pickWq(sys, vm, seed) : undefined;
};

/** For mdev_write: a WQ of VM `vm` not yet carrying GPASID `g`'s PASID when `g` is programmed on one (pairs), else pickWq. */
export const pickWriteWq = (sys: System, vm: number, g: number, seed: number, pairs = false): number => {
  const a = sys.vms.get(vm);
  const host = a?.vmm.gpasids.get(g);
  const own = vmWqs(sys.p.shape, vm);
  const carrying = a === undefined || host === undefined ? [] : own.filter((wq) => a.vdcm.programmedOn(wq) === host);
  const free = own.filter((wq) => !carrying.includes(wq));
  return (carrying.length === 1 && (pairs || seed % 4 === 1) ? pick(free, seed >> 2) : undefined) ?? pickWq(sys, vm, seed);
};

/** Rule 2: the capacity left, one more, one less, the whole capacity, a tiny quota. */
const createEdges = (room: number): readonly number[] => [room, room + 1, room - 1, SYSTEM_CAPACITY, 1].filter((q) => q >= 1);

/**
 * The quota vm_create asks for, or undefined for the default (VM_QUOTA). Mixed: a tiny quota
 * (1 to 3) for a quarter of the seeds, seed 0 included, so shrunk traces need few allocations to
 * reach a quota's edge; the default for half; an edge of the capacity left for a quarter.
 */
export const pickCreateQuota = (sys: System, seed: number, bias: QuotaBias): number | undefined => {
  const cat: QuotaBias = bias !== "mixed" ? bias : seed % 8 < 2 ? "tiny" : seed % 8 < 6 ? "default" : "edge"; // seed 0 (where shrinking goes): quota 1
  const rest = bias === "mixed" ? seed >> 3 : seed;
  if (cat === "tiny") return 1 + (rest % 3);
  if (cat === "edge") return pick(createEdges(quotaView(sys, surveyNow(sys).known).room), rest);
  return undefined;
};

/** Rule 2 for adjust_quota on VM `vm`'s set. */
export const pickAdjustQuota = (sys: System, vm: number, seed: number): number => {
  const set = sys.vms.get(vm)?.vmm.set ?? null;
  if (set === null) return 1 + (seed % 4);
  const q = quotaView(sys, surveyNow(sys).known);
  const held = q.held(set);
  const granted = q.granted(set) ?? held;
  const edges = [held, held - 1, held + 1, held - 1, granted + q.room, granted + q.room + 1, granted + q.room - 1, granted + 1, SYSTEM_CAPACITY].filter((x) => x >= 1);
  return pick(edges, seed) ?? 1;
};
