/**
 * The blind spots of issue 11, system side: for each broken driver added for them, a short
 * hand-written trace that the property built for its class catches at the step where the bug
 * shows, and that passes with the correct drivers.
 */
import { describe, expect, it } from "vitest";
import { createImplCore } from "../../impl/index.js";
import type { SystemCommand } from "../../hw-model/system/commands.js";
import { CORRECT_DRIVERS } from "../../hw-model/system/drivers.js";
import { replaySystemCommands } from "./suite.js";
import { DRIVER_MUTANTS } from "./mutants/index.js";
import type { SystemProperty } from "./violation.js";

const vm1 = { op: "vm_create", vm: 1 } as const;
const alloc = { op: "vcmd_alloc", vm: 1 } as const;
const bindDsa = { op: "bind", vm: 1, gpasid: 1, device: "dsa", guestMm: 1 } as const;
const bindAssigned = { op: "bind", vm: 1, gpasid: 1, device: "assigned", guestMm: 1 } as const;
const free1 = { op: "vcmd_free", vm: 1, gpasid: 1 } as const;

interface Case {
  readonly mutant: string;
  readonly commands: readonly SystemCommand[];
  /** The property that catches it, and at which step (commands.length: the end-of-run leak check). */
  readonly property: SystemProperty;
  readonly step: number;
}

const CASES: readonly Case[] = [
  // capacity and quota edges
  { mutant: "vmm-quota-creep", commands: [{ op: "vm_create", vm: 1, quota: 1 }, alloc, bindDsa, free1, alloc], property: "quota", step: 4 },
  { mutant: "vmm-keeps-refused-quota", commands: [vm1, alloc, alloc, { op: "adjust_quota", vm: 1, quota: 1 }, alloc], property: "quota", step: 4 },
  // hardware-visible flags
  { mutant: "iommu-fpd-late", commands: [vm1, alloc, bindDsa, free1], property: "flags", step: 3 },
  { mutant: "iommu-exit-reports-faults", commands: [{ op: "proc_open", proc: 1 }, { op: "proc_exit_mm", proc: 1 }], property: "flags", step: 1 },
  {
    mutant: "vdcm-skips-drain",
    commands: [vm1, alloc, { op: "mdev_write", vm: 1, wq: 0, gpasid: 1 }, { op: "dma_start", vm: 1, wq: 0 }, { op: "mdev_clear", vm: 1, wq: 0 }],
    property: "flags", step: 4,
  },
  // rare combinations on one PASID
  { mutant: "iommu-unbind-forgets-devices", commands: [vm1, alloc, bindDsa, bindAssigned, { op: "unbind", vm: 1, gpasid: 1, device: "dsa" }], property: "flags", step: 4 },
  { mutant: "iommu-free-clears-one-device", commands: [vm1, alloc, bindDsa, bindAssigned, free1], property: "flags", step: 4 },
  {
    mutant: "vdcm-free-clears-one-wq",
    commands: [vm1, alloc, { op: "mdev_write", vm: 1, wq: 0, gpasid: 1 }, { op: "mdev_write", vm: 1, wq: 1, gpasid: 1 }, free1, { op: "run_work" }],
    property: "leak", step: 6,
  },
  { mutant: "vmm-unbind-forgets-binds", commands: [vm1, alloc, bindDsa, bindAssigned, { op: "unbind", vm: 1, gpasid: 1, device: "dsa" }], property: "vmcs", step: 4 },
];

const driversOf = (name: string) => {
  const m = DRIVER_MUTANTS.find((x) => x.name === name);
  if (m === undefined) throw new Error(`no broken driver ${name}`);
  return m.drivers;
};

describe("blind spots: each new broken driver is caught by its class's property", () => {
  it.each(CASES.map((c) => [c.mutant, c] as const))("%s", (_name, c) => {
    const broken = replaySystemCommands(() => createImplCore(), driversOf(c.mutant), c.commands);
    expect({ step: broken.failedStep, kind: broken.kind }, broken.detail).toEqual({ step: c.step, kind: c.property });
    const fixed = replaySystemCommands(() => createImplCore(), CORRECT_DRIVERS, c.commands);
    expect(fixed.detail).toBe("");
  });

  it("every new broken driver has a case here", () => {
    const old = new Set(["vdcm-release-before-clear", "kvm-keeps-refs", "iommu-skips-tlb-flush", "vmm-drops-guest-flush", "kvm-registers-late",
      "vdcm-reprogram-leaks", "iommu-skips-pasid-cache-flush", "kvm-ignores-unbind"]);
    expect(DRIVER_MUTANTS.map((m) => m.name).filter((n) => !old.has(n)).sort()).toEqual(CASES.map((c) => c.mutant).sort());
  });
});
