/**
 * The life cycles of reference/004 ("Guest IOASID Life Cycle"), replayed step by step with the
 * actors' behaviour written as handlers and deferred work.
 */
import { describe, expect, it } from "vitest";
import type { Delivery } from "../api/notification.js";
import { ok } from "../api/result.js";
import { ImplCore } from "./core.js";
import { errnoOf, num } from "./test-support.js";

const MAX = 0xfffff;
const VM_MM = 0x1000;
const GPASID = 101;

/** A guest VM with KVM, VDCM and the host IOMMU driver subscribed, as in the design text. */
const setup = () => {
  const core = new ImplCore();
  const work: (() => void)[] = [];
  const trace: string[] = [];
  const vmcs = new Map<number, number>(); // KVM's guest -> host PASID table
  let kvmHolds = false;
  const refs = (id: number): number => core.inspectId(id)?.refs ?? 0;

  // 1. ioasid_register_notifier / _mm (KVM and VDCM per VM, before VFIO creates the set)
  core.registerNotifierMm(VM_MM, {
    name: "kvm", priority: "CPU",
    handler: (d: Delivery, c) => {
      trace.push(`kvm:${d.event}`);
      if (d.event === "BIND" && d.spid !== null) {
        c.getLocked(d.set, d.id);
        kvmHolds = true;
        vmcs.set(d.spid, d.id);
      }
      if ((d.event === "UNBIND" || d.event === "FREE") && kvmHolds) {
        if (d.spid !== null) vmcs.delete(d.spid);
        kvmHolds = false;
        trace.push(`kvm:put_locked=${errnoOf(c.putLocked(d.set, d.id))}->${refs(d.id)}`);
      }
    },
  });
  core.registerNotifierMm(VM_MM, {
    name: "vdcm", priority: "DEVICE",
    handler: (d, c) => {
      trace.push(`vdcm:${d.event}`);
      if (d.event === "FREE") work.push(() => trace.push(`vdcm:work put=${errnoOf(c.put(d.set, d.id))}->${refs(d.id)}`));
    },
  });
  core.registerNotifier(null, {
    name: "iommu", priority: "IOMMU",
    handler: (d, c) => {
      trace.push(`iommu:${d.event}`);
      if (d.event === "FREE") work.push(() => trace.push(`iommu:work put=${errnoOf(c.put(d.set, d.id))}->${refs(d.id)}`));
    },
  });
  const vm = num(core.allocSet({ type: "mm", mm: VM_MM }, 16));
  const runWork = (): void => {
    for (let w = work.shift(); w !== undefined; w = work.shift()) w();
  };
  return { core, vm, trace, vmcs, refs, runWork };
};

/** Steps 2-11 of the guest flow; returns the host PASID and the refcounts seen. */
const bringUp = (f: ReturnType<typeof setup>): { id: number; seen: number[] } => {
  const { core, vm, refs } = f;
  const seen: number[] = [];
  const id = num(core.alloc(vm, 1, MAX, "guest-ctx")); // 2 ioasid_alloc
  core.attachSpid(vm, id, GPASID);
  seen.push(refs(id));
  expect(core.get(vm, id)).toEqual(ok(null)); // 3-4 bind_gpasid -> iommu_bind -> ioasid_get
  seen.push(refs(id));
  expect(core.notify(vm, id, "BIND")).toEqual(ok(null)); // 5-7 notify(BIND): KVM get + vmcs
  seen.push(refs(id));
  expect(core.findBySpid(vm, GPASID)).toEqual(ok(id)); // 8-11 mdev_write -> find_by_spid
  seen.push(refs(id));
  return { id, seen };
};

describe("guest IOASID life cycle (reference/004)", () => {
  it("normal flow: refcounts 1,2,3,4,3,2,1,0, then reclaimed and a new life cycle starts", () => {
    const f = setup();
    const { core, vm, refs, vmcs, trace } = f;
    const { id, seen } = bringUp(f);
    expect(vmcs.get(GPASID)).toBe(id);
    // 12-13 guest DMA; 14-16 mdev_clear -> vdev_clear -> ioasid_put
    expect(core.put(vm, id)).toEqual(ok(null));
    seen.push(refs(id));
    // 17-21 unbind_gpasid -> iommu_unbind -> notify(UNBIND): KVM vmcs update + put_locked
    expect(core.notify(vm, id, "UNBIND")).toEqual(ok(null));
    seen.push(refs(id));
    expect(vmcs.size).toBe(0);
    // 22 ioasid_free (VFIO, on the guest's vcmd free)
    expect(core.free(vm, id)).toEqual(ok(null));
    seen.push(refs(id));
    expect(core.inspectId(id)?.state).toBe("FREE_PENDING");
    // 23 ioasid_put (IOMMU driver's bind reference) -> 24 reclaimed
    expect(core.put(null, id)).toEqual(ok(null));
    seen.push(refs(id));
    expect(seen).toEqual([1, 2, 3, 4, 3, 2, 1, 0]);
    expect(core.inspectId(id)).toBeNull();
    expect(trace).toEqual([
      "kvm:ALLOC", "vdcm:ALLOC",
      "kvm:BIND", "vdcm:BIND", "iommu:BIND",
      "kvm:UNBIND", "kvm:put_locked=ok->2", "vdcm:UNBIND", "iommu:UNBIND",
      "kvm:FREE", "vdcm:FREE", "iommu:FREE",
    ]);
    // New life cycle: 1 ioasid_alloc -> 1
    const again = num(core.alloc(vm, 1, MAX, null));
    expect(again).toBe(id);
    expect(refs(again)).toBe(1);
  });

  it("free before unbind: KVM, VDCM, IOMMU in priority order, work drains, the late unbind fails cleanly", () => {
    const f = setup();
    const { core, vm, refs, vmcs, trace, runWork } = f;
    const other = num(core.allocSet({ type: "null", value: 7 }, 4));
    const bystander = num(core.alloc(other, 1, MAX, "other-vm"));
    const { id, seen } = bringUp(f);
    expect(seen).toEqual([1, 2, 3, 4]);
    trace.length = 0;
    // 14 guest misbehaves; 15-23 ioasid_free -> FREE: KVM put_locked (3), VDCM and IOMMU queue work
    expect(core.free(vm, id)).toEqual(ok(null));
    expect(trace).toEqual(["kvm:FREE", "kvm:put_locked=ok->3", "vdcm:FREE", "iommu:FREE"]);
    expect(vmcs.size).toBe(0);
    expect(refs(id)).toBe(2); // 23 free returns
    expect(core.inspectId(id)?.state).toBe("FREE_PENDING");
    // while pending: no new references, nothing resolves (note 1: ENOENT)
    expect(errnoOf(core.get(null, id))).toBe("ENOENT");
    expect(errnoOf(core.find(null, id, "accept"))).toBe("ENOENT");
    expect(errnoOf(core.findBySpid(vm, GPASID))).toBe("ENOENT");
    // 24-28 the queued work runs: puts -> 1 -> 0, reclaimed
    runWork();
    expect(trace.slice(4)).toEqual(["vdcm:work put=ok->1", "iommu:work put=ok->0"]);
    expect(core.inspectId(id)).toBeNull();
    // 29-30 unbind_gpasid -> iommu_unbind -> ioasid_find fails; nobody else is harmed
    expect(errnoOf(core.find(vm, id, "none"))).toBe("ENOENT");
    expect(errnoOf(core.notify(vm, id, "UNBIND"))).toBe("ENOENT");
    expect(core.find(other, bystander, "none")).toEqual(ok("other-vm"));
    expect(core.inspectId(bystander)?.refs).toBe(1);
    // New life cycle
    expect(core.alloc(vm, 1, MAX, null).ok).toBe(true);
  });

  it("VM teardown: the last set_put frees everything and, once references drain, destroys the set", () => {
    const f = setup();
    const { core, vm, refs, runWork } = f;
    const { id } = bringUp(f);
    expect(core.setPut(vm)).toEqual(ok(null));
    expect(refs(id)).toBe(2); // KVM dropped its reference in its FREE handler
    expect(core.inspectSet(vm)?.dying).toBe(true);
    runWork();
    expect(core.inspectSet(vm)).toBeNull();
    expect(core.stats()).toMatchObject({ ids: 0, sets: 0, quotaSum: 0 });
    // the MM notifiers are pending again for the VM's next incarnation
    const vm2 = num(core.allocSet({ type: "mm", mm: VM_MM }, 16));
    expect(core.inspectSet(vm2)?.chain).toEqual(["kvm", "vdcm"]);
  });
});

describe("native SVA life cycle (DSA example)", () => {
  it("bind, DMA, unbind, free: reclaimed at free", () => {
    const core = new ImplCore();
    const proc = num(core.allocSet({ type: "mm", mm: 0x2000 }, 1));
    const pasid = num(core.alloc(proc, 1, MAX, "mm")); // 3 ioasid_alloc
    core.get(proc, pasid); // bind holds a reference
    core.notify(proc, pasid, "BIND");
    core.notify(proc, pasid, "UNBIND"); // 8-9 unbind: PASID context cleared
    core.put(proc, pasid);
    expect(core.free(proc, pasid)).toEqual(ok(null)); // 10 ioasid_free
    expect(core.inspectId(pasid)).toBeNull(); // 11 reclaimed
    expect(core.alloc(proc, 1, MAX, null)).toEqual(ok(pasid)); // the quota slot is back too
  });
});
