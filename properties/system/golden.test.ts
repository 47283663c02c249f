/**
 * The design document's life cycles at system level (reference/004), on the spec core and on
 * impl: the reference-count column step by step, with every system property checked after each
 * step and the no-leak check at the end.
 */
import { describe, expect, it } from "vitest";
import type { IoasidCore } from "../../api/core.js";
import { SpecCore } from "../../spec/spec-core.js";
import { createImplCore } from "../../impl/index.js";
import { System } from "../../hw-model/system/system.js";
import type { SystemCommand } from "../../hw-model/system/commands.js";
import { checkedSystemStep } from "./step.js";
import { checkNoLeak, knownPasids } from "./checks.js";
import { withRefColumn } from "./ref-column.js";
import { SYSTEM_CAPACITY } from "../../api/constants.js";
import { lookup } from "../../hw-model/vtd/index.js";

const CORES: ReadonlyArray<readonly [string, () => IoasidCore]> = [["spec", () => new SpecCore()], ["impl", () => createImplCore()]];

/** The DSA device's PASID entry for `pasid` as its flags: "present", "cleared+FPD", ... or "empty". */
const dsaEntry = (sys: System, pasid: number): string => {
  const dev = sys.p.iommu.devices.get(sys.p.shape.dsaDevice);
  const r = dev === undefined ? null : lookup(dev.tables, pasid);
  const e = r?.ok === true ? r.value : null;
  return e === null ? "empty" : `${e.present ? "present" : "cleared"}${e.fpd ? "+FPD" : ""}`;
};

/** Run commands, returning the refcount of `pasid` after each (0 when reclaimed) and its DSA entry. */
const run = (sys: System, cmds: readonly SystemCommand[], pasid: () => number) =>
  cmds.map((c) => {
    const rec = checkedSystemStep(sys, c);
    return { op: c.op, refs: sys.core.inspectId(pasid())?.refs ?? 0, entry: dsaEntry(sys, pasid()), rec };
  });

const endClean = (sys: System) => {
  const known = knownPasids(sys);
  sys.teardown();
  checkNoLeak(sys, known, SYSTEM_CAPACITY);
};

/** VM 1 created on a core whose Ref column is recorded; `host` is the host PASID of GPASID 1. */
const guestVm = (make: () => IoasidCore) => {
  const { core, column } = withRefColumn(make());
  const sys = new System(core);
  const vm1 = sys.vms.get(1);
  checkedSystemStep(sys, { op: "vm_create", vm: 1 });
  return { sys, column, host: () => vm1?.vmm.gpasids.get(1) ?? vm1?.vmm.freed.get(1) ?? 0 };
};

describe.each(CORES)("system life cycles on %s", (_name, make) => {
  it("guest normal flow: refs 1,2,3,4,3,2,1,0 and DMA lands in the bound guest process", () => {
    const { sys, column, host } = guestVm(make);
    const steps = run(sys, [
      { op: "vcmd_alloc", vm: 1 }, // 2: alloc -> 1
      { op: "bind", vm: 1, gpasid: 1, device: "dsa", guestMm: 7 }, // 3-7: IOMMU get, BIND, KVM get_locked -> 3
      { op: "mdev_write", vm: 1, wq: 0, gpasid: 1 }, // 8-11: VDCM find_by_spid -> 4
      { op: "dma", vm: 1, wq: 0 }, // 12: guest DMA
      { op: "enqcmd", vm: 1, gpasid: 1 }, // ENQCMD through the VMCS table
      { op: "mdev_clear", vm: 1, wq: 0 }, // 14-16: VDCM put -> 3
      { op: "unbind", vm: 1, gpasid: 1, device: "dsa" }, // 17-21: UNBIND, KVM put_locked, IOMMU put -> 1
      { op: "vcmd_free", vm: 1, gpasid: 1 }, // 22-23: free -> 0, reclaimed
    ], host);
    expect(steps.map((s) => s.refs)).toEqual([1, 3, 4, 4, 4, 3, 1, 0]);
    expect(column).toEqual([1, 2, 3, 4, 3, 2, 1, 0]); // the design's Ref column, call by call
    expect(steps.map((s) => s.entry)).toEqual(["empty", "present", "present", "present", "present", "present", "empty", "empty"]); // never FPD
    const dma = steps[3]?.rec;
    expect(dma?.kind === "dma" && dma.resolution.kind === "translated" ? dma.resolution.space : null).toEqual({ kind: "guest-process", vm: 1, guestMm: 7 });
    expect(steps[4]?.rec.kind).toBe("dma");
    endClean(sys);
  });

  it("free before unbind: KVM in its handler, then VDCM and IOMMU work, reclaim, late unbind refused", () => {
    const { sys, column, host } = guestVm(make);
    const steps = run(sys, [
      { op: "vcmd_alloc", vm: 1 },
      { op: "bind", vm: 1, gpasid: 1, device: "dsa", guestMm: 7 },
      { op: "mdev_write", vm: 1, wq: 0, gpasid: 1 },
      { op: "vcmd_free", vm: 1, gpasid: 1 }, // 15-23: FREE; KVM put_locked; work queued -> 2
      { op: "dma", vm: 1, wq: 0 }, // DMA between free and teardown: faults, unreported
      { op: "run_work" }, // 24: VDCM clears the WQ, then puts -> 1
      { op: "run_work" }, // 25-27: IOMMU teardown, put -> 0, reclaimed
      { op: "unbind", vm: 1, gpasid: 1, device: "dsa" }, // 29-30: find fails, nobody harmed
    ], host);
    expect(steps.map((s) => s.refs)).toEqual([1, 3, 4, 2, 2, 1, 0, 0]);
    // fault reporting off exactly from the free to the IOMMU's teardown, FPD kept through it; then on again
    expect(steps.map((s) => s.entry)).toEqual(["empty", "present", "present", "cleared+FPD", "cleared+FPD", "cleared+FPD", "empty", "empty"]);
    expect(column).toEqual([1, 2, 3, 4, 3, 2, 1, 0]); // 4 -> put_locked in KVM's handler 3 -> free returns 2 -> work 1, 0
    const dma = steps[4]?.rec;
    expect(dma?.kind === "dma" ? dma.resolution : null).toMatchObject({ kind: "fault", reported: false }); // fault reporting off after free
    expect(steps[7]?.rec).toEqual({ kind: "call", result: { ok: false, errno: "ENOENT" } });
    endClean(sys);
  });

  it("native SVA, bad exit order: mm teardown before the driver stops DMA; DMA faults unreported; freed at mmdrop", () => {
    const sys = new System(make());
    const proc = sys.procs.get(1);
    const pasid = () => proc?.pasid ?? 0;
    const steps = run(sys, [
      { op: "proc_open", proc: 1 }, // bind: alloc 1 + IOMMU get -> 2
      { op: "proc_dma", proc: 1 },
      { op: "proc_exit_mm", proc: 1 }, // [2] IOMMU teardown first, fault reporting off
      { op: "proc_dma", proc: 1 }, // DMA between #2 and #1: unreported fault
      { op: "proc_close", proc: 1 }, // [1] stop DMA, unbind, [3] free at mmdrop -> 0
    ], pasid);
    expect(steps.map((s) => s.refs)).toEqual([2, 2, 2, 2, 0]);
    expect(steps.map((s) => s.entry)).toEqual(["present", "present", "cleared+FPD", "cleared+FPD", "empty"]); // off from exit to unbind
    const first = steps[1]?.rec;
    expect(first?.kind === "dma" ? first.resolution : null).toMatchObject({ kind: "translated", space: { kind: "host-process", mm: 201 } });
    const late = steps[3]?.rec;
    expect(late?.kind === "dma" ? late.resolution : null).toMatchObject({ kind: "fault", reported: false });
    endClean(sys);
  });
});
