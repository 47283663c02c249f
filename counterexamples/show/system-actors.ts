/**
 * Who does what in a system command: the actor whose row it is, where its message goes, who
 * makes the core calls it causes, and the text of its row.
 *
 * Rules:
 *  1. VFIO (the VMM) creates and destroys VMs, serves the guest's virtual commands (vcmd
 *     alloc/free), bind/unbind/switch_mm and the vSMMU CD writes; the core calls of a
 *     bind/unbind/switch_mm are the IOMMU driver's, those of a vcmd VFIO's.
 *  2. The VDCM serves mdev_write/mdev_clear and makes their core calls; KVM terminates and
 *     translates ENQCMD; the guest's DMA goes to the IOMMU (VT-d or SMMU).
 *  3. A native process opens, DMAs, closes and exits its mm; during its open and close, get,
 *     find, put and notify are the IOMMU driver's (the SVA bind and unbind), the rest the
 *     process's.
 *  4. A work item's calls are its owner's, read from the label's first word
 *     (iommu-teardown 3, vdcm1-clear wq0); run_work on an empty queue is the IOASID core column's.
 */
import type { SystemCommand } from "../../hw-model/system/commands.js";
import type { StepRecord, System } from "../../hw-model/system/system.js";
import type { CoreMethod } from "./recording-core.js";
import type { Actor } from "./types.js";
import { CORE_COLUMN } from "./types.js";
import { notifierActor } from "./columns.js";
import { numText, resolutionText, resultSuffix } from "./text.js";

export const vfio = (vm: number): Actor => ({ column: "VFIO", instance: `vmm${vm}` });
export const kvm = (vm: number): Actor => ({ column: "KVM", instance: `kvm${vm}` });
export const vdcm = (vm: number): Actor => ({ column: "VDCM", instance: `vdcm${vm}` });
export const guest = (vm: number): Actor => ({ column: "guest", instance: `vm${vm}` });
export const proc = (k: number): Actor => ({ column: "process", instance: `proc${k}` });
export const IOMMU: Actor = { column: "IOMMU", instance: "iommu" };

/** Who issues a command, who acts on it, and who makes its core calls. */
export interface Role {
  readonly from: Actor;
  readonly actor: Actor;
  readonly caller: (m: CoreMethod) => Actor;
}

const all = (a: Actor) => (): Actor => a;

/** Rule 3. */
export const processCaller = (k: number) => (m: CoreMethod): Actor =>
  m === "get" || m === "find" || m === "put" || m === "notify" ? IOMMU : proc(k);

/** Rule 4. */
export const workOwner = (label: string | undefined): Actor =>
  label === undefined ? { column: CORE_COLUMN, instance: null } : notifierActor(label.split(/[\s-]/)[0] ?? label);

/** Rules 1 to 4 (a switch with no default: exhaustive by its return type). */
export function roleOf(c: SystemCommand, sys: System): Role {
  switch (c.op) {
    case "vm_create":
    case "adjust_quota":
    case "vm_destroy":
      return { from: vfio(c.vm), actor: vfio(c.vm), caller: all(vfio(c.vm)) };
    case "kvm_terminate":
      return { from: kvm(c.vm), actor: kvm(c.vm), caller: all(kvm(c.vm)) };
    case "vcmd_alloc":
    case "vcmd_free":
    case "smmu_cd_write":
      return { from: guest(c.vm), actor: vfio(c.vm), caller: all(vfio(c.vm)) };
    case "bind":
    case "unbind":
    case "switch_mm":
      return { from: guest(c.vm), actor: vfio(c.vm), caller: all(IOMMU) };
    case "mdev_write":
    case "mdev_clear":
      return { from: guest(c.vm), actor: vdcm(c.vm), caller: all(vdcm(c.vm)) };
    case "dma":
    case "dma_start":
    case "smmu_dma":
      return { from: guest(c.vm), actor: guest(c.vm), caller: all(guest(c.vm)) };
    case "dsa_step": {
      const d = sys.p.dsa.inFlight.values().next();
      const by = d.done !== true && d.value.owner.kind === "mdev" ? guest(d.value.owner.vm) : { column: CORE_COLUMN, instance: null };
      return { from: by, actor: by, caller: all(by) };
    }
    case "enqcmd":
      return { from: guest(c.vm), actor: guest(c.vm), caller: all(kvm(c.vm)) };
    case "proc_open":
    case "proc_dma":
    case "proc_close":
    case "proc_exit_mm":
      return { from: proc(c.proc), actor: proc(c.proc), caller: processCaller(c.proc) };
    case "run_work": {
      const owner = workOwner(sys.p.work.labels()[0]);
      return { from: owner, actor: owner, caller: all(owner) };
    }
  }
}

/** Where a command's message goes: the IOMMU for DMA, KVM for ENQCMD, the actor itself otherwise. */
export const targetOf = (c: SystemCommand, role: Role): Actor =>
  c.op === "dma" || c.op === "dsa_step" || c.op === "smmu_dma" || c.op === "proc_dma" || c.op === "proc_exit_mm" ? IOMMU : c.op === "enqcmd" ? { column: "KVM", instance: `kvm${c.vm}` } : role.actor;

const recordText = (c: SystemCommand, rec: StepRecord): string => {
  switch (rec.kind) {
    case "call": return resultSuffix(rec.result);
    case "dma": return `${c.op === "smmu_dma" ? "" : ` (PASID ${numText(rec.pasid)})`} -> ${resolutionText(rec.resolution)}`;
    case "exit": return ` -> exit (${rec.reason})`;
    case "work": return rec.label === null ? ": nothing queued" : `: ${rec.label}`;
  }
};

/** What the command was, before its result (a switch with no default: exhaustive by its return type). */
function commandText(c: SystemCommand, sys: System): string {
  switch (c.op) {
    case "vm_create": return `create vm${c.vm}${c.quota === undefined ? "" : ` (quota ${c.quota})`}`;
    case "adjust_quota": return `adjust_quota(vm${c.vm}, ${c.quota})`;
    case "vm_destroy": return `destroy vm${c.vm}`;
    case "kvm_terminate": return `terminate vm${c.vm}`;
    case "vcmd_alloc": return "vcmd_alloc";
    case "vcmd_free": return `vcmd_free(gpasid ${c.gpasid})`;
    case "bind": return `bind_gpasid(gpasid ${c.gpasid}, ${c.device}, guest-mm ${c.guestMm})`;
    case "unbind": return `unbind_gpasid(gpasid ${c.gpasid}, ${c.device})`;
    case "switch_mm": return `switch_mm(gpasid ${c.gpasid}, ${c.device}, guest-mm ${c.guestMm})`;
    case "mdev_write": return `mdev_write(wq${c.wq}, gpasid ${c.gpasid})`;
    case "mdev_clear": return `mdev_clear(wq${c.wq})`;
    case "dma": return `DMA wq${c.wq}`;
    case "dma_start": return `start DMA wq${c.wq}`;
    case "dsa_step": return "DSA performs the oldest descriptor";
    case "enqcmd": return `ENQCMD gpasid ${c.gpasid}`;
    case "smmu_cd_write": return `smmu_cd_write(ssid ${c.ssid}, guest-mm ${c.guestMm})`;
    case "smmu_dma": return `DMA ssid ${c.ssid}`;
    case "proc_open": return "open";
    case "proc_dma": return `DMA wq${sys.procs.get(c.proc)?.wq ?? "?"}`;
    case "proc_close": return "close";
    case "proc_exit_mm": return "exit_mm";
    case "run_work": return "run_work";
  }
}

/** The row text of a command with its record: `open -> pasid 2`, `DMA wq0 (PASID 1) -> vm1/guest-mm1`. */
export const describe = (c: SystemCommand, rec: StepRecord, sys: System): string => {
  if (rec.kind === "call" && rec.result.ok && typeof rec.result.value === "number") {
    if (c.op === "vcmd_alloc") return `vcmd_alloc -> gpasid ${numText(rec.result.value)}`;
    if (c.op === "proc_open") return `open -> pasid ${numText(rec.result.value)}`;
    if (c.op === "vm_create") return `${commandText(c, sys)} -> set ${rec.result.value}`;
  }
  return `${commandText(c, sys)}${recordText(c, rec)}`;
};

/** The host PASID a command's record names (a VT-d DMA or ENQCMD; an SMMU SSID is not one), if any. */
export const recordPasid = (c: SystemCommand, rec: StepRecord): number | null => (rec.kind === "dma" && c.op !== "smmu_dma" ? rec.pasid : null);
