/**
 * The System's own rules: quotas granted at vm_create and changed by adjust_quota (with the
 * host's ledger), a VM whose set does not fit, descriptors left in flight by dma_start and
 * performed by dsa_step, and the codec of the commands (old traces without a quota still decode).
 */
import { describe, expect, it } from "vitest";
import { SpecCore } from "../../spec/spec-core.js";
import { SYSTEM_CAPACITY } from "../../api/constants.js";
import { System, VM_QUOTA } from "./system.js";
import { SystemCommand } from "./commands.js";

const sys1 = () => {
  const sys = new System(new SpecCore());
  return { sys, vm: sys.vms.get(1) };
};

describe("System: quotas", () => {
  it("vm_create grants VM_QUOTA, or the quota it names; the ledger records it", () => {
    const { sys, vm } = sys1();
    expect(sys.apply({ op: "vm_create", vm: 1 })).toMatchObject({ kind: "call", result: { ok: true } });
    expect(sys.apply({ op: "vm_create", vm: 2, quota: 7 })).toMatchObject({ kind: "call", result: { ok: true } });
    const set1 = vm?.vmm.set ?? -1;
    const set2 = sys.vms.get(2)?.vmm.set ?? -1;
    expect(sys.grants.get(set1)).toEqual({ holder: "vmm1", quota: VM_QUOTA, released: false });
    expect(sys.grants.get(set2)).toEqual({ holder: "vmm2", quota: 7, released: false });
  });

  it("a VM whose quota does not fit does not start: KVM is unregistered, and it can be created again", () => {
    const { sys, vm } = sys1();
    expect(sys.apply({ op: "vm_create", vm: 1, quota: SYSTEM_CAPACITY + 1 })).toEqual({ kind: "call", result: { ok: false, errno: "ENOSPC" } });
    expect(vm?.created).toBe(false);
    expect(vm?.kvm.alive).toBe(false);
    expect(sys.core.registerNotifierMm(101, { name: "kvm1", priority: "CPU", handler: () => undefined })).toEqual({ ok: true, value: null });
    sys.core.unregisterNotifierMm(101, "kvm1");
    expect(sys.apply({ op: "vm_create", vm: 1, quota: SYSTEM_CAPACITY })).toMatchObject({ kind: "call", result: { ok: true } });
    expect(vm?.created).toBe(true);
  });

  it("adjust_quota reaches adjust_set; the ledger follows only a change the core accepted", () => {
    const { sys, vm } = sys1();
    sys.apply({ op: "vm_create", vm: 1 });
    sys.apply({ op: "vcmd_alloc", vm: 1 });
    sys.apply({ op: "vcmd_alloc", vm: 1 });
    const set = vm?.vmm.set ?? -1;
    expect(sys.apply({ op: "adjust_quota", vm: 1, quota: 1 })).toEqual({ kind: "call", result: { ok: false, errno: "EBUSY" } });
    expect(sys.grants.get(set)?.quota).toBe(VM_QUOTA);
    expect(sys.apply({ op: "adjust_quota", vm: 1, quota: 2 })).toEqual({ kind: "call", result: { ok: true, value: null } });
    expect(sys.grants.get(set)?.quota).toBe(2);
    expect(sys.apply({ op: "vcmd_alloc", vm: 1 })).toEqual({ kind: "call", result: { ok: false, errno: "EDQUOT" } });
    expect(sys.apply({ op: "adjust_quota", vm: 2, quota: 2 })).toEqual({ kind: "call", result: { ok: false, errno: "ENOENT" } });
  });

  it("destroying a VM and closing a process mark their grants released", () => {
    const { sys, vm } = sys1();
    sys.apply({ op: "vm_create", vm: 1 });
    sys.apply({ op: "proc_open", proc: 1 });
    const set = vm?.vmm.set ?? -1;
    const procSet = sys.procs.get(1)?.set ?? -1;
    expect(sys.grants.get(procSet)).toEqual({ holder: "process-mm201", quota: 2, released: false });
    sys.apply({ op: "vm_destroy", vm: 1 });
    sys.apply({ op: "proc_close", proc: 1 });
    expect(sys.grants.get(set)?.released).toBe(true);
    expect(sys.grants.get(procSet)?.released).toBe(true);
  });
});

describe("System: descriptors in flight", () => {
  it("dma_start leaves the descriptor in flight; dsa_step performs it for the guest that submitted it", () => {
    const { sys } = sys1();
    sys.apply({ op: "vm_create", vm: 1 });
    sys.apply({ op: "vcmd_alloc", vm: 1 });
    sys.apply({ op: "bind", vm: 1, gpasid: 1, device: "dsa", guestMm: 2 });
    sys.apply({ op: "mdev_write", vm: 1, wq: 0, gpasid: 1 });
    expect(sys.apply({ op: "dma_start", vm: 1, wq: 0 })).toEqual({ kind: "call", result: { ok: true, value: null } });
    expect(sys.p.dsa.inFlight.size).toBe(1);
    const host = sys.vms.get(1)?.vmm.gpasids.get(1) ?? -1;
    expect(sys.apply({ op: "dsa_step" })).toEqual({
      kind: "dma", issuer: { kind: "guest", vm: 1, guestMm: 2 }, pasid: host,
      resolution: { kind: "translated", space: { kind: "guest-process", vm: 1, guestMm: 2 }, via: "walk" },
    });
    expect(sys.p.dsa.inFlight.size).toBe(0);
    expect(sys.apply({ op: "dsa_step" })).toEqual({ kind: "call", result: { ok: false, errno: "ENOENT" } });
  });

  it("dma_start on a WQ carrying no PASID of the VM is refused", () => {
    const { sys } = sys1();
    sys.apply({ op: "vm_create", vm: 1 });
    expect(sys.apply({ op: "dma_start", vm: 1, wq: 0 })).toEqual({ kind: "call", result: { ok: false, errno: "EINVAL" } });
    expect(sys.apply({ op: "dma_start", vm: 2, wq: 2 })).toEqual({ kind: "call", result: { ok: false, errno: "EINVAL" } });
  });

  it("clearing the WQ drains its PASID: nothing stays in flight", () => {
    const { sys } = sys1();
    sys.apply({ op: "vm_create", vm: 1 });
    sys.apply({ op: "vcmd_alloc", vm: 1 });
    sys.apply({ op: "mdev_write", vm: 1, wq: 0, gpasid: 1 });
    sys.apply({ op: "dma_start", vm: 1, wq: 0 });
    sys.apply({ op: "dma_start", vm: 1, wq: 0 });
    expect(sys.p.dsa.inFlight.size).toBe(2);
    sys.apply({ op: "mdev_clear", vm: 1, wq: 0 });
    expect(sys.p.dsa.inFlight.size).toBe(0);
  });
});

describe("SystemCommand codec", () => {
  it("decodes vm_create with and without a quota, and the new commands", () => {
    for (const c of [{ op: "vm_create", vm: 1 }, { op: "vm_create", vm: 1, quota: 3 }, { op: "adjust_quota", vm: 2, quota: 9 }, { op: "dma_start", vm: 1, wq: 0 }, { op: "dsa_step" }]) {
      expect(SystemCommand.decode(c)._tag, JSON.stringify(c)).toBe("Right");
    }
    expect(SystemCommand.decode({ op: "vm_create", vm: 1, quota: "3" })._tag).toBe("Left");
    expect(SystemCommand.decode({ op: "adjust_quota", vm: 1 })._tag).toBe("Left");
  });
});
