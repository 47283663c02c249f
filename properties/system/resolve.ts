/**
 * Abstract system commands and their resolution against the current system state, biased toward
 * the dangerous orders: free while bound and programmed, crash mid-DMA, re-allocation while
 * teardown work is pending, KVM destroyed first, stale and foreign guest numbers, one PASID on
 * two devices or two WQs, quotas at the edges of the capacity left (picks.ts).
 *
 * Rules:
 *  1. A command whose target does not exist yet resolves to the command that creates it, with
 *     the same seeds (as the core suite's resolution, properties/core/resolve.ts rule 1): a
 *     command that needs a live VM when none lives is a vm_create; a DMA (dma, dma_start) on a
 *     VM with no programmed WQ is, for seven seeds in eight (the eighth still aims at an
 *     unprogrammed WQ), the mdev_write that programs one; a dsa_step with nothing in
 *     flight (eight seeds in nine) is a dma_start; an smmu_dma before the guest wrote a CD
 *     (eight seeds in nine) is the smmu_cd_write. So generated commands are run and checked
 *     instead of discarded, and a run moves on toward the states its later commands need.
 *  2. Null (the command is skipped) remains only where nothing creates the target or skipping
 *     is the bias itself: vm_create when no VM is left to create (seven seeds in eight), vcmd_alloc
 *     past MANY_GPASIDS (small states), run_work with no work pending (seven seeds in eight).
 *  3. `resolveOwn` is the strict form: the command's own kind, or null when it does not apply.
 */
import type { SystemCommand, SystemCommandKind } from "../../hw-model/system/commands.js";
import type { System } from "../../hw-model/system/system.js";
import { assignedDevice } from "../../hw-model/drivers/platform.js";
import type { QuotaBias } from "./swarm.js";
import {
  pickAdjustQuota, pickBindDevice, pickBoundGpasid, pickBusyWq, pickCreateQuota, pickGpasid, pickNewVm, pickSsid, pickUnbind, pickVm, pickWq,
  pickWriteWq,
} from "./picks.js";

/** A command before resolution: a kind and seeds. */
export interface AbstractSystemCommand {
  readonly op: SystemCommandKind;
  readonly seeds: readonly [number, number, number];
}

/** The biases of one run (swarm.ts); the default is the full swarm's. */
export interface ResolveBias {
  readonly quotas: QuotaBias;
  readonly pairs: boolean;
}

const DEFAULT_BIAS: ResolveBias = { quotas: "mixed", pairs: false };

/** Past this many PASIDs a VM's allocations are mostly skipped (small states find bugs). */
const MANY_GPASIDS = 6;

/** Commands that need a live VM (vm_create, run_work, dsa_step and the process commands do not). */
const NEEDS_LIVE_VM: ReadonlySet<SystemCommandKind> = new Set<SystemCommandKind>([
  "adjust_quota", "vm_destroy", "vcmd_alloc", "vcmd_free", "bind", "unbind", "switch_mm", "mdev_write", "mdev_clear", "dma", "dma_start",
  "enqcmd", "smmu_cd_write", "smmu_dma",
]);

/** Does any VM live (created, not destroyed)? */
const anyLiveVm = (sys: System): boolean => {
  for (const v of sys.vms.keys()) if (sys.liveVm(v) !== undefined) return true;
  return false;
};

/** Rule 1: the kind that creates what a command of kind `op` lacks, or null when it lacks nothing it can be given. */
const prerequisite = (op: SystemCommandKind): SystemCommandKind | null => {
  switch (op) {
    case "dma": case "dma_start": return "mdev_write";
    case "dsa_step": return "dma_start";
    case "smmu_dma": return "smmu_cd_write";
    case "vm_create": case "adjust_quota": case "vm_destroy": case "kvm_terminate": case "vcmd_alloc": case "vcmd_free": case "bind":
    case "unbind": case "switch_mm": case "mdev_write": case "mdev_clear": case "enqcmd": case "smmu_cd_write": case "proc_open":
    case "proc_dma": case "proc_close": case "proc_exit_mm": case "run_work":
      return null;
  }
};

/** The concrete command (rules 1 and 2): the command's own kind when it applies, else what creates its target, else null. */
export function resolveSystem(sys: System, a: AbstractSystemCommand, bias: ResolveBias = DEFAULT_BIAS): SystemCommand | null {
  if (NEEDS_LIVE_VM.has(a.op) && !anyLiveVm(sys)) return resolveOwn(sys, { op: "vm_create", seeds: a.seeds }, bias);
  const own = resolveOwn(sys, a, bias);
  if (own !== null) return own;
  const pre = prerequisite(a.op);
  return pre === null ? null : resolveSystem(sys, { op: pre, seeds: a.seeds }, bias);
}

/**
 * Rule 3: the concrete command of the command's own kind, or null when it needs a live VM and
 * none exists or it does not apply (its precondition, re-checked while shrinking). A switch with
 * no default: exhaustive by its return type.
 */
export function resolveOwn(sys: System, a: AbstractSystemCommand, bias: ResolveBias = DEFAULT_BIAS): SystemCommand | null {
  const [s0, s1, s2] = a.seeds;
  if (NEEDS_LIVE_VM.has(a.op) && !anyLiveVm(sys)) return null;
  const vm = pickVm(sys, s0);
  switch (a.op) {
    case "vm_create": {
      const fresh = pickNewVm(sys, s0); // mostly a VM not created yet
      if (fresh === undefined) return null;
      const quota = pickCreateQuota(sys, s1, bias.quotas);
      return quota === undefined ? { op: a.op, vm: fresh } : { op: a.op, vm: fresh, quota };
    }
    case "adjust_quota":
      return { op: a.op, vm, quota: pickAdjustQuota(sys, vm, s1) };
    case "vm_destroy":
    case "kvm_terminate":
      return { op: a.op, vm };
    case "vcmd_alloc": // small states: past MANY_GPASIDs a VM mostly allocates only at its quota's edge
      return (sys.vms.get(vm)?.vmm.gpasids.size ?? 0) < MANY_GPASIDS || s1 % 8 === 0 ? { op: a.op, vm } : null;
    case "vcmd_free":
      return { op: a.op, vm, gpasid: pickBoundGpasid(sys, vm, s1, bias.pairs) };
    case "bind": {
      const gpasid = s1 % 4 === 1 ? pickBoundGpasid(sys, vm, s1 >> 2, bias.pairs) : pickGpasid(sys, vm, s1);
      return { op: a.op, vm, gpasid, device: pickBindDevice(sys, vm, gpasid, s2, bias.pairs), guestMm: 1 + (s2 % 2) };
    }
    case "switch_mm": {
      const gpasid = pickBoundGpasid(sys, vm, s1);
      const role = s2 % 8 === 7 ? "assigned" : "dsa";
      const now = sys.vms.get(vm)?.vmm.expectedProcess(role === "dsa" ? sys.p.shape.dsaDevice : assignedDevice(vm), gpasid);
      return { op: a.op, vm, gpasid, device: role, guestMm: now === 1 ? 2 : 1 }; // another process than the bound one
    }
    case "unbind":
      return { op: a.op, vm, ...pickUnbind(sys, vm, s1, bias.pairs) };
    case "mdev_write": {
      const gpasid = pickBoundGpasid(sys, vm, s1, bias.pairs);
      return { op: a.op, vm, wq: pickWriteWq(sys, vm, gpasid, s2, bias.pairs), gpasid };
    }
    case "mdev_clear":
      return { op: a.op, vm, wq: pickWq(sys, vm, s2) };
    case "dma": { // mostly on a WQ carrying a PASID
      const wq = pickBusyWq(sys, vm, s2);
      return wq === undefined ? null : { op: a.op, vm, wq };
    }
    case "dma_start": {
      const wq = pickBusyWq(sys, vm, s2); // mostly a WQ carrying a PASID
      return wq === undefined ? null : { op: a.op, vm, wq };
    }
    case "dsa_step":
      return sys.p.dsa.inFlight.size === 0 && s1 % 9 !== 8 ? null : { op: a.op }; // mostly with work in flight
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
      return sys.p.work.length === 0 && s0 % 8 !== 0 ? null : { op: a.op }; // mostly with work pending
  }
}

/** Relative weights: the dangerous commands are frequent. */
export const SYSTEM_WEIGHTS: Readonly<Record<SystemCommandKind, number>> = {
  vm_create: 4, adjust_quota: 4, vm_destroy: 1, kvm_terminate: 1, vcmd_alloc: 6, vcmd_free: 5, bind: 6, unbind: 3, switch_mm: 3,
  mdev_write: 5, mdev_clear: 2, dma: 5, dma_start: 5, dsa_step: 4, enqcmd: 3, smmu_cd_write: 4, smmu_dma: 6,
  proc_open: 2, proc_dma: 2, proc_close: 1, proc_exit_mm: 1, run_work: 5,
};
