/**
 * Replacing a guest's story by a native process's: the simplest actor that binds a PASID and
 * issues DMA is a native SVA process (proc_open binds, proc_dma issues DMA, proc_close unbinds),
 * where a guest needs a VM, a vcmd allocation, a bind and then its DMA. A driver bug on the
 * shared path (the IOMMU's teardown, its caches) often shows through either; the native story is
 * shorter.
 *
 * Rules:
 *  1. For one VM v (each in turn, then all at once): bind -> proc_open(v), enqcmd / dma /
 *     dma_start / smmu_dma -> proc_dma(v), unbind / vm_destroy -> proc_close(v); the VM's other
 *     commands (creation, quota, vcmd, mdev and SMMU table writes, KVM termination) are
 *     dropped. Other commands are kept.
 *  2. A proc_open of a process already open in the translated trace is dropped, and so is a
 *     proc_close of one that is not.
 *  3. Each translation is one try of one group, kept by renumber.ts's greedy pass only if the
 *     failure class is kept.
 */
import type { SystemCommand } from "../../hw-model/system/commands.js";
import type { EditGroup, Try } from "./edits.js";

/** Rule 1 for one command of VM `v`: its native replacement, or null to drop it. */
const nativeOf = (c: SystemCommand, v: number): SystemCommand | null | "keep" => {
  if (!("vm" in c) || c.vm !== v) return "keep";
  switch (c.op) {
    case "bind": return { op: "proc_open", proc: v };
    case "enqcmd":
    case "dma":
    case "dma_start":
    case "smmu_dma": return { op: "proc_dma", proc: v };
    case "unbind":
    case "vm_destroy": return { op: "proc_close", proc: v };
    case "vm_create":
    case "adjust_quota":
    case "kvm_terminate":
    case "vcmd_alloc":
    case "vcmd_free":
    case "switch_mm":
    case "mdev_write":
    case "mdev_clear":
    case "smmu_cd_write": return null;
  }
};

/** Rules 1 and 2 for the VMs in `vms`. */
const translate = (vms: readonly number[]): Try<SystemCommand> => (cmds) => {
  const open = new Set<number>();
  const out: SystemCommand[] = [];
  for (const c of cmds) {
    let next: SystemCommand | null = c;
    for (const v of vms) {
      const n = nativeOf(c, v);
      if (n !== "keep") next = n;
    }
    if (next === null) continue;
    if (next.op === "proc_open") {
      if (open.has(next.proc)) continue;
      open.add(next.proc);
    }
    if (next.op === "proc_close" || next.op === "proc_exit_mm") {
      if (!open.has(next.proc)) continue;
      open.delete(next.proc);
    }
    out.push(next);
  }
  return JSON.stringify(out) === JSON.stringify(cmds) ? null : out;
};

/** Rule 3. */
export const systemKindGroups = (cmds: readonly SystemCommand[]): readonly EditGroup<SystemCommand>[] => {
  const vms = [...new Set(cmds.flatMap((c) => ("vm" in c ? [c.vm] : [])))].sort((a, b) => a - b);
  return vms.length === 0 ? [] : [[...vms.map((v) => translate([v])), ...(vms.length > 1 ? [translate(vms)] : [])]];
};
