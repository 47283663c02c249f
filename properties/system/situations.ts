/**
 * The situation a command meets, as coverage tags: the pairwise combinations the issue names
 * (UNBIND while other binds remain, FREE while bound on two devices, a set destroyed while its
 * MM notifier goes back to pending, ...) and the quota edges, read from the system before the
 * command runs. The suite counts `op:outcome+tag`; the gate (gate.ts) requires the ones that
 * matter.
 *
 * Rules:
 *  1. Tags describe the state the command meets, not what it did: a command may carry several.
 *  2. Reading the state never changes it.
 */
import { SYSTEM_CAPACITY } from "../../api/constants.js";
import type { SystemCommand } from "../../hw-model/system/commands.js";
import type { System } from "../../hw-model/system/system.js";
import { VM_QUOTA } from "../../hw-model/system/system.js";
import { assignedDevice } from "../../hw-model/drivers/platform.js";
import { surveyNow } from "./checks.js";
import { quotaView } from "./quota.js";

const hostOf = (sys: System, vm: number, g: number): number | undefined => sys.liveVm(vm)?.vmm.gpasids.get(g);

const inFlight = (sys: System, pasid: number): boolean => [...sys.p.dsa.inFlight.values()].some((d) => d.pasid === pasid);

/** A destroyed set whose quota went back to the capacity. */
const quotaReturned = (sys: System, held: (set: number) => number): boolean =>
  [...sys.grants.entries()].some(([set, g]) => g.released && held(set) === 0);

/** Rule 1 (a switch with no default: exhaustive by its return type). */
export function situations(sys: System, c: SystemCommand): readonly string[] {
  const tags: string[] = [];
  const tag = (cond: boolean, t: string): void => {
    if (cond) tags.push(t);
  };
  switch (c.op) {
    case "unbind": {
      const host = hostOf(sys, c.vm, c.gpasid);
      const device = c.device === "dsa" ? sys.p.shape.dsaDevice : assignedDevice(c.vm);
      const binds = host === undefined ? [] : sys.iommu.bindingsOf(host);
      tag(binds.length >= 2 && binds.some((b) => b.device === device), "bound-elsewhere");
      return tags;
    }
    case "vcmd_free": {
      const host = hostOf(sys, c.vm, c.gpasid);
      if (host === undefined) return tags;
      const vdcm = sys.liveVm(c.vm)?.vdcm;
      tag(sys.iommu.bindingsOf(host).length >= 2, "bound-2");
      tag((vdcm?.heldRefs().get(host) ?? 0) >= 2, "wqs-2");
      tag(inFlight(sys, host), "in-flight");
      return tags;
    }
    case "vm_destroy":
      tag(sys.liveVm(c.vm)?.kvm.alive === true, "kvm-alive");
      tag(sys.p.work.length > 0, "work-pending");
      return tags;
    case "vcmd_alloc": {
      const set = sys.liveVm(c.vm)?.vmm.set ?? null;
      if (set === null) return tags;
      const known = surveyNow(sys).known;
      const q = quotaView(sys, known);
      const pending = [...known].some((id) => { const v = sys.core.inspectId(id); return v?.set === set && v.state === "FREE_PENDING"; });
      tag(q.held(set) === q.granted(set) && pending, "pending");
      return tags;
    }
    case "vm_create": {
      if (sys.vms.get(c.vm)?.created !== false) return tags;
      const q = quotaView(sys, surveyNow(sys).known);
      const quota = c.quota ?? VM_QUOTA;
      tag(quota === q.room, "exact-fit");
      tag(quota === q.room + 1, "off-by-one");
      tag(quota === SYSTEM_CAPACITY, "whole");
      tag(quotaReturned(sys, q.held), "returned");
      return tags;
    }
    case "adjust_quota": {
      const set = sys.liveVm(c.vm)?.vmm.set ?? null;
      if (set === null) return tags;
      const q = quotaView(sys, surveyNow(sys).known);
      const granted = q.granted(set) ?? 0;
      tag(c.quota === granted + q.room, "exact-fit");
      tag(c.quota === granted + q.room + 1, "off-by-one");
      tag(c.quota === q.held(set), "held");
      tag(c.quota === q.held(set) - 1, "below-held");
      return tags;
    }
    case "run_work":
      tag((sys.p.work.labels()[0] ?? "").startsWith("vdcm") && sys.p.dsa.inFlight.size > 0, "in-flight");
      return tags;
    case "dsa_step": {
      const d = sys.p.dsa.inFlight.values().next();
      tag(d.done !== true && sys.core.inspectId(d.value.pasid)?.state === "FREE_PENDING", "freed");
      return tags;
    }
    case "kvm_terminate": case "bind": case "switch_mm": case "mdev_write": case "mdev_clear": case "dma": case "dma_start":
    case "enqcmd": case "smmu_cd_write": case "smmu_dma": case "proc_open": case "proc_dma": case "proc_close": case "proc_exit_mm":
      return tags;
  }
}
