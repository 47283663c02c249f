/**
 * The situation tags the coverage gate counts: each read from the state a command meets.
 */
import { describe, expect, it } from "vitest";
import { SpecCore } from "../../spec/spec-core.js";
import { SYSTEM_CAPACITY } from "../../api/constants.js";
import { System } from "../../hw-model/system/system.js";
import type { SystemCommand } from "../../hw-model/system/commands.js";
import { situations } from "./situations.js";

const after = (cmds: readonly SystemCommand[]): System => {
  const sys = new System(new SpecCore());
  for (const c of cmds) sys.apply(c);
  return sys;
};

const bound2: readonly SystemCommand[] = [
  { op: "vm_create", vm: 1 }, { op: "vcmd_alloc", vm: 1 },
  { op: "bind", vm: 1, gpasid: 1, device: "dsa", guestMm: 1 }, { op: "bind", vm: 1, gpasid: 1, device: "assigned", guestMm: 1 },
];

describe("situations", () => {
  it("one PASID on two devices: unbind while bound elsewhere, free while bound twice", () => {
    const sys = after(bound2);
    expect(situations(sys, { op: "unbind", vm: 1, gpasid: 1, device: "dsa" })).toEqual(["bound-elsewhere"]);
    expect(situations(sys, { op: "vcmd_free", vm: 1, gpasid: 1 })).toEqual(["bound-2"]);
    expect(situations(after(bound2.slice(0, 3)), { op: "unbind", vm: 1, gpasid: 1, device: "dsa" })).toEqual([]);
  });

  it("one PASID on two WQs with a descriptor in flight; the VDCM's clear then drains it", () => {
    const sys = after([
      { op: "vm_create", vm: 1 }, { op: "vcmd_alloc", vm: 1 }, { op: "mdev_write", vm: 1, wq: 0, gpasid: 1 },
      { op: "mdev_write", vm: 1, wq: 1, gpasid: 1 }, { op: "dma_start", vm: 1, wq: 1 },
    ]);
    expect(situations(sys, { op: "vcmd_free", vm: 1, gpasid: 1 })).toEqual(["wqs-2", "in-flight"]);
    sys.apply({ op: "vcmd_free", vm: 1, gpasid: 1 });
    expect(situations(sys, { op: "run_work" })).toEqual(["in-flight"]);
    expect(situations(sys, { op: "dsa_step" })).toEqual(["freed"]);
  });

  it("a VM destroyed while its KVM lives (its MM notifier goes back to pending), with work pending", () => {
    const sys = after([...bound2, { op: "vcmd_free", vm: 1, gpasid: 1 }]);
    expect(situations(sys, { op: "vm_destroy", vm: 1 })).toEqual(["kvm-alive", "work-pending"]);
    sys.apply({ op: "kvm_terminate", vm: 1 });
    expect(situations(sys, { op: "vm_destroy", vm: 1 })).toEqual(["work-pending"]);
  });

  it("quota edges: exact fit, one over, the whole capacity, a returned quota; held and one below", () => {
    const sys = after([{ op: "vm_create", vm: 1, quota: SYSTEM_CAPACITY - 4 }, { op: "vcmd_alloc", vm: 1 }, { op: "vcmd_alloc", vm: 1 }]);
    expect(situations(sys, { op: "vm_create", vm: 2, quota: 4 })).toEqual(["exact-fit"]);
    expect(situations(sys, { op: "vm_create", vm: 2, quota: 5 })).toEqual(["off-by-one"]);
    expect(situations(sys, { op: "vm_create", vm: 2, quota: SYSTEM_CAPACITY })).toEqual(["whole"]);
    expect(situations(sys, { op: "adjust_quota", vm: 1, quota: SYSTEM_CAPACITY })).toEqual(["exact-fit"]);
    expect(situations(sys, { op: "adjust_quota", vm: 1, quota: SYSTEM_CAPACITY + 1 })).toEqual(["off-by-one"]);
    expect(situations(sys, { op: "adjust_quota", vm: 1, quota: 2 })).toEqual(["held"]);
    expect(situations(sys, { op: "adjust_quota", vm: 1, quota: 1 })).toEqual(["below-held"]);
    sys.apply({ op: "vm_destroy", vm: 1 });
    expect(situations(sys, { op: "vm_create", vm: 2, quota: SYSTEM_CAPACITY })).toEqual(["exact-fit", "whole", "returned"]);
  });

  it("a guest refused because freed PASIDs still fill its quota", () => {
    const sys = after([{ op: "vm_create", vm: 1, quota: 1 }, { op: "vcmd_alloc", vm: 1 }, { op: "bind", vm: 1, gpasid: 1, device: "dsa", guestMm: 1 }]);
    expect(situations(sys, { op: "vcmd_alloc", vm: 1 })).toEqual([]);
    sys.apply({ op: "vcmd_free", vm: 1, gpasid: 1 });
    expect(situations(sys, { op: "vcmd_alloc", vm: 1 })).toEqual(["pending"]);
  });
});
