/**
 * The design document's guest life cycles (reference/004, "Guest IOASID Life Cycle"), replayed
 * step by step on every core: the reference count and the notifications after every step.
 */
import { describe, expect, it } from "vitest";
import type { IoasidCore } from "../../api/core.js";
import { SpecCore } from "../../spec/spec-core.js";
import { DeliveryLog, Iommu, Kvm, Vdcm, Vfio, WorkQueue } from "./actors.js";
import { CORES } from "./cores.js";

const MM = 100;
const GPASID = 101;

/** Steps 1-12 of both flows: registration, allocation, bind, the VDCM programs the device. */
const setUp = (core: IoasidCore) => {
  const log = new DeliveryLog();
  const work = new WorkQueue();
  const iommu = new Iommu(core, log, work);
  const kvm = new Kvm(core, log, MM); // step 1: before the set exists, so it waits on the pending list
  const vfio = new Vfio(core, MM, 8);
  const vdcm = new Vdcm(core, log, work, vfio.set);
  const refs = (id: number) => core.inspectId(id)?.refs ?? 0;
  const host = vfio.vcmdAlloc(GPASID); // step 2
  const steps: Array<[string, number, string[]]> = [["2 ioasid_alloc", refs(host), log.take()]];
  expect(iommu.bind(vfio.set, host).ok).toBe(true); // steps 3-7
  steps.push(["4-7 bind, BIND, KVM get_locked", refs(host), log.take()]);
  expect(vdcm.mdevWrite(0, GPASID)).toEqual({ ok: true, value: host }); // steps 8-11
  steps.push(["10 find_by_spid", refs(host), log.take()]);
  return { log, work, iommu, kvm, vfio, vdcm, host, refs, steps };
};

describe.each(CORES)("guest life cycle on %s", (_name, makeCore) => {
  it("normal flow, steps 1-24: refs 1,2,3,4,3,2,1,0 and the new life cycle", () => {
    const core = makeCore();
    const { log, iommu, kvm, vfio, vdcm, host, refs, steps } = setUp(core);
    expect(vdcm.mdevClear(0)).toEqual({ ok: true, value: null }); // steps 14-16
    steps.push(["16 VDCM put", refs(host), log.take()]);
    expect(iommu.unbind(vfio.set, host)).toEqual({ ok: true, value: null }); // steps 17-21
    steps.push(["19-21 UNBIND, KVM put_locked", refs(host), log.take()]);
    expect(vfio.vcmdFree(host)).toEqual({ ok: true, value: null }); // step 22
    steps.push(["22 ioasid_free", refs(host), log.take()]);
    expect(iommu.release(host)).toEqual({ ok: true, value: null }); // step 23
    steps.push(["23 ioasid_put", refs(host), log.take()]);

    expect(steps).toEqual([
      ["2 ioasid_alloc", 1, ["ALLOC->kvm", "ALLOC->vdcm"]],
      ["4-7 bind, BIND, KVM get_locked", 3, ["BIND->kvm", "BIND->vdcm", "BIND->iommu"]],
      ["10 find_by_spid", 4, []],
      ["16 VDCM put", 3, []],
      ["19-21 UNBIND, KVM put_locked", 2, ["UNBIND->kvm", "UNBIND->vdcm", "UNBIND->iommu"]],
      ["22 ioasid_free", 1, ["FREE->kvm", "FREE->vdcm", "FREE->iommu"]],
      ["23 ioasid_put", 0, []],
    ]);
    expect(core.inspectId(host)).toBeNull(); // step 24: reclaimed
    expect(kvm.vmcs.size).toBe(0);
    const again = vfio.vcmdAlloc(GPASID); // new life cycle
    expect(core.inspectId(again)).toMatchObject({ state: "ALLOCATED", refs: 1, spid: GPASID });
  });

  it("free before unbind, steps 13-30: KVM, VDCM, IOMMU in priority order, work drains to 0", () => {
    const core = makeCore();
    const { log, work, iommu, kvm, vfio, host, refs, steps } = setUp(core);
    expect(steps.map((s) => s[1])).toEqual([1, 3, 4]);
    // step 14-23: the guest misbehaves; VFIO frees the PASID while it is bound and programmed
    expect(vfio.vcmdFree(host)).toEqual({ ok: true, value: null });
    expect(log.take()).toEqual(["FREE->kvm", "FREE->vdcm", "FREE->iommu"]);
    expect(kvm.refsInHandler).toEqual([3]); // step 20: put_locked -> 3 inside KVM's handler
    expect(refs(host)).toBe(2); // step 23: free returns
    expect(core.inspectId(host)?.state).toBe("FREE_PENDING");
    expect(core.get(vfio.set, host)).toEqual({ ok: false, errno: "ENOENT" }); // note 1: no new reference
    expect(work.runOne()).toBe("vdcm-clear"); // step 24-26
    expect(refs(host)).toBe(1);
    expect(work.runOne()).toBe("iommu-teardown"); // steps 25-27
    expect(core.inspectId(host)).toBeNull(); // step 28: reclaimed
    expect(log.take()).toEqual([]);
    // steps 29-30: the late unbind fails cleanly
    expect(iommu.unbind(vfio.set, host)).toEqual({ ok: false, errno: "ENOENT" });
    expect(log.take()).toEqual([]);
    const again = vfio.vcmdAlloc(GPASID); // new life cycle: the guest may reuse its GPASID
    expect(core.inspectId(again)).toMatchObject({ state: "ALLOCATED", refs: 1, spid: GPASID, set: vfio.set });
  });

  it("a late unbind after the number was given to another VM fails without harming it", () => {
    const core = makeCore();
    const { work, iommu, vfio, host } = setUp(core);
    vfio.vcmdFree(host);
    while (work.runOne() !== null);
    const other = new Vfio(core, MM + 1, 4);
    const theirs = other.vcmdAlloc(GPASID);
    expect(iommu.unbind(vfio.set, theirs)).toEqual({ ok: false, errno: "EACCES" });
    expect(core.inspectId(theirs)).toMatchObject({ state: "ALLOCATED", refs: 1, set: other.set });
  });

  it("a lock-taking call inside a handler answers EDEADLK and changes nothing", () => {
    const core = makeCore();
    const set = core.allocSet({ type: "null", value: 0 }, 4);
    expect(set.ok).toBe(true);
    const seen: string[] = [];
    core.registerNotifier(null, {
      name: "greedy", priority: "LAST",
      handler: (d, c) => {
        seen.push(JSON.stringify([c.alloc(d.set, 1, 10, null), c.allocSet({ type: "null", value: 1 }, 1), c.free(d.set, d.id), c.setPut(d.set)]));
      },
    });
    const id = core.alloc(set.ok ? Number(set.value) : 0, 1, 10, null);
    core.notify(null, Number(id.ok ? id.value : 0), "BIND");
    const deadlk = { ok: false, errno: "EDEADLK" };
    expect(seen).toEqual([JSON.stringify([deadlk, deadlk, deadlk, deadlk])]);
    expect(core.inspectId(1)).toMatchObject({ state: "ALLOCATED", refs: 1 });
  });
});

it("SpecCore is the spec: its state satisfies the invariants after the free-before-unbind flow", () => {
  const core = new SpecCore();
  const { vfio, work, host } = setUp(core);
  vfio.vcmdFree(host);
  while (work.runOne() !== null);
  expect(core.state.ids.size).toBe(0);
});
