/**
 * Abstract system commands and their resolution against the current system state, biased toward
 * the dangerous orders: free while bound and programmed, crash mid-DMA, re-allocation while
 * teardown work is pending, KVM destroyed first, stale and foreign guest numbers.
 */
import type { SystemCommand, SystemCommandKind } from "../../hw-model/system/commands.js";
import type { System } from "../../hw-model/system/system.js";
import { assignedDevice, vmWqs } from "../../hw-model/drivers/platform.js";

/** A command before resolution: a kind and seeds. */
export interface AbstractSystemCommand {
  readonly op: SystemCommandKind;
  readonly seeds: readonly [number, number, number];
}

const pick = <T>(xs: readonly T[], seed: number): T | undefined => (xs.length === 0 ? undefined : xs[seed % xs.length]);

/** A VM id: a live one (most) or any. */
const pickVm = (sys: System, seed: number): number => {
  const live = [...sys.vms.keys()].filter((vm) => sys.liveVm(vm) !== undefined);
  return (seed % 9 !== 0 ? pick(live, seed >> 3) : undefined) ?? pick([...sys.vms.keys()], seed) ?? 1;
};

/** A GPASID for VM `vm`: one it holds (most), one it freed (stale), or a small raw number. */
const pickGpasid = (sys: System, vm: number, seed: number): number => {
  const a = sys.vms.get(vm);
  const held = a === undefined ? [] : [...a.vmm.gpasids.keys()];
  const freed = a === undefined ? [] : [...a.vmm.freed.keys()];
  const cat = seed % 8;
  if (cat < 5) return pick(held, seed >> 3) ?? 1 + ((seed >> 3) % 3);
  if (cat < 7) return pick(freed, seed >> 3) ?? pick(held, seed >> 3) ?? 1;
  return 1 + ((seed >> 3) % 4);
};

/** A GPASID of VM `vm` bound on the DSA device (most), else as pickGpasid. */
const pickBoundGpasid = (sys: System, vm: number, seed: number): number => {
  const a = sys.vms.get(vm);
  const dsa = sys.p.shape.dsaDevice;
  const bound = a === undefined ? [] : [...a.vmm.gpasids.keys()].filter((g) => a.vmm.expectedProcess(dsa, g) !== undefined);
  return (seed % 4 !== 0 ? pick(bound, seed >> 2) : undefined) ?? pickGpasid(sys, vm, seed);
};

/** A guest SSID: one the guest wrote (most), any in its table, or one beyond it (5). */
const pickSsid = (sys: System, vm: number, seed: number): number => {
  const written = [...(sys.vms.get(vm)?.vmm.vsmmu.cds.keys() ?? [])];
  const cat = seed % 9;
  if (cat === 8) return 5;
  return (cat < 5 ? pick(written, seed >> 4) : undefined) ?? (seed >> 4) % 4;
};

/** A WQ for VM `vm`: a programmed one of its own (most), any of its own, or another VM's (hostile). */
const pickWq = (sys: System, vm: number, seed: number): number => {
  const own = vmWqs(sys.p.shape, vm);
  const programmed = own.filter((wq) => sys.vms.get(vm)?.vdcm.programmedOn(wq) !== undefined);
  const others = sys.p.shape.vms.filter((v) => v !== vm).flatMap((v) => vmWqs(sys.p.shape, v));
  const cat = seed % 8;
  return (cat === 0 ? pick(others, seed >> 3) : cat < 5 ? pick(programmed, seed >> 3) : undefined) ?? pick(own, seed >> 3) ?? 0;
};

/** Commands that need a live VM (vm_create, run_work and the process commands do not). */
const NEEDS_LIVE_VM: ReadonlySet<SystemCommandKind> = new Set<SystemCommandKind>([
  "vm_destroy", "vcmd_alloc", "vcmd_free", "bind", "unbind", "switch_mm", "mdev_write", "mdev_clear", "dma", "enqcmd", "smmu_cd_write", "smmu_dma",
]);

/**
 * The concrete command, or null when it needs a live VM and none exists (its precondition,
 * re-checked while shrinking). A switch with no default: exhaustive by its return type.
 */
export function resolveSystem(sys: System, a: AbstractSystemCommand): SystemCommand | null {
  const [s0, s1, s2] = a.seeds;
  if (NEEDS_LIVE_VM.has(a.op) && ![...sys.vms.keys()].some((v) => sys.liveVm(v) !== undefined)) return null;
  const vm = pickVm(sys, s0);
  const device = s2 % 4 === 0 ? "assigned" : "dsa";
  const guestMm = 1 + (s2 % 2);
  switch (a.op) {
    case "vm_create":
    case "vm_destroy":
    case "kvm_terminate":
    case "vcmd_alloc":
      return { op: a.op, vm };
    case "vcmd_free":
      return { op: a.op, vm, gpasid: pickBoundGpasid(sys, vm, s1) };
    case "bind":
      return { op: a.op, vm, gpasid: pickGpasid(sys, vm, s1), device, guestMm };
    case "switch_mm": {
      const gpasid = pickBoundGpasid(sys, vm, s1);
      const role = s2 % 8 === 7 ? "assigned" : "dsa";
      const now = sys.vms.get(vm)?.vmm.expectedProcess(role === "dsa" ? sys.p.shape.dsaDevice : assignedDevice(vm), gpasid);
      return { op: a.op, vm, gpasid, device: role, guestMm: now === 1 ? 2 : 1 }; // another process than the bound one
    }
    case "unbind":
      return { op: a.op, vm, gpasid: pickGpasid(sys, vm, s1), device };
    case "mdev_write":
      return { op: a.op, vm, wq: pickWq(sys, vm, s2), gpasid: pickBoundGpasid(sys, vm, s1) };
    case "mdev_clear":
    case "dma":
      return { op: a.op, vm, wq: pickWq(sys, vm, s2) };
    case "enqcmd":
      return { op: a.op, vm, gpasid: pickBoundGpasid(sys, vm, s1) };
    case "smmu_cd_write": {
      const ssid = pickSsid(sys, vm, s1);
      const now = sys.vms.get(vm)?.vmm.vsmmu.cds.get(ssid);
      return { op: a.op, vm, ssid, guestMm: now === 1 ? 2 : 1 }; // rewriting points it elsewhere
    }
    case "smmu_dma": {
      const written = sys.vms.get(vm)?.vmm.vsmmu.cds.size ?? 0;
      return written === 0 && s1 % 9 !== 8 ? null : { op: a.op, vm, ssid: pickSsid(sys, vm, s1) }; // mostly after the guest wrote a CD
    }
    case "proc_open":
    case "proc_dma":
    case "proc_close":
    case "proc_exit_mm":
      return { op: a.op, proc: 1 + (s0 % 2) };
    case "run_work":
      return { op: a.op };
  }
}

/** Relative weights: the dangerous commands are frequent. */
export const SYSTEM_WEIGHTS: Readonly<Record<SystemCommandKind, number>> = {
  vm_create: 4, vm_destroy: 1, kvm_terminate: 1, vcmd_alloc: 6, vcmd_free: 5, bind: 6, unbind: 3, switch_mm: 3,
  mdev_write: 5, mdev_clear: 2, dma: 5, enqcmd: 3, smmu_cd_write: 4, smmu_dma: 6, proc_open: 2, proc_dma: 2, proc_close: 1, proc_exit_mm: 1, run_work: 5,
};
