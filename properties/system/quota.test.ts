/**
 * The quota view and what quota-bound commands must answer: exact fit, one over, IDs held,
 * FREE_PENDING IDs still counting, quotas returned only when a released set is destroyed.
 */
import { describe, expect, it } from "vitest";
import { SpecCore } from "../../spec/spec-core.js";
import { SYSTEM_CAPACITY } from "../../api/constants.js";
import { System, VM_QUOTA } from "../../hw-model/system/system.js";
import type { SystemCommand } from "../../hw-model/system/commands.js";
import { knownPasids } from "./checks.js";
import { checkQuota, expectQuota, quotaView } from "./quota.js";

const view = (sys: System) => quotaView(sys, knownPasids(sys));
const expectOf = (sys: System, c: SystemCommand) => expectQuota(sys, c, view(sys))?.expect;

/** VM 1 created with `quota`, holding `n` PASIDs; the first bound on the DSA device. */
const vmHolding = (quota: number, n: number) => {
  const sys = new System(new SpecCore());
  sys.apply({ op: "vm_create", vm: 1, quota });
  for (let i = 0; i < n; i++) sys.apply({ op: "vcmd_alloc", vm: 1 });
  if (n > 0) sys.apply({ op: "bind", vm: 1, gpasid: 1, device: "dsa", guestMm: 1 });
  return sys;
};

describe("quota view", () => {
  it("the room left is the capacity minus every granted quota; a released set keeps its quota until its last ID is reclaimed", () => {
    const sys = vmHolding(5, 1);
    expect(view(sys).room).toBe(SYSTEM_CAPACITY - 5);
    sys.apply({ op: "vm_destroy", vm: 1 }); // the bound PASID waits for the IOMMU's teardown
    expect(view(sys).room).toBe(SYSTEM_CAPACITY - 5);
    sys.apply({ op: "run_work" });
    expect(view(sys).room).toBe(SYSTEM_CAPACITY);
  });

  it("a set holds its FREE_PENDING IDs too", () => {
    const sys = vmHolding(VM_QUOTA, 2);
    const set = sys.vms.get(1)?.vmm.set ?? -1;
    sys.apply({ op: "vcmd_free", vm: 1, gpasid: 1 });
    expect(view(sys).held(set)).toBe(2);
    expect(view(sys).granted(set)).toBe(VM_QUOTA);
  });
});

describe("what quota-bound commands must answer", () => {
  it("vcmd_alloc: ok below the grant, EDQUOT at it, pending IDs included", () => {
    const sys = vmHolding(2, 1);
    expect(expectOf(sys, { op: "vcmd_alloc", vm: 1 })).toBe("ok");
    sys.apply({ op: "vcmd_alloc", vm: 1 });
    sys.apply({ op: "vcmd_free", vm: 1, gpasid: 1 }); // pending: the IOMMU still holds it
    expect(expectOf(sys, { op: "vcmd_alloc", vm: 1 })).toBe("EDQUOT");
  });

  it("vm_create and proc_open: ok at exactly the room left, ENOSPC one over", () => {
    const sys = vmHolding(SYSTEM_CAPACITY - 3, 0);
    expect(expectOf(sys, { op: "vm_create", vm: 2, quota: 3 })).toBe("ok");
    expect(expectOf(sys, { op: "vm_create", vm: 2, quota: 4 })).toBe("ENOSPC");
    expect(expectOf(sys, { op: "vm_create", vm: 2 })).toBe("ENOSPC"); // VM_QUOTA is 4
    expect(expectOf(sys, { op: "vm_create", vm: 1, quota: 1 })).toBeUndefined(); // VM 1 exists: not quota-bound
    expect(expectOf(sys, { op: "proc_open", proc: 1 })).toBe("ok");
    sys.apply({ op: "vm_create", vm: 2, quota: 2 });
    expect(expectOf(sys, { op: "proc_open", proc: 1 })).toBe("ENOSPC");
  });

  it("adjust_quota: EINVAL below 1, EBUSY below the IDs held, ENOSPC past the room left, ok at exactly it", () => {
    const sys = vmHolding(4, 2);
    const room = view(sys).room;
    expect(expectOf(sys, { op: "adjust_quota", vm: 1, quota: 0 })).toBe("EINVAL");
    expect(expectOf(sys, { op: "adjust_quota", vm: 1, quota: 1 })).toBe("EBUSY");
    expect(expectOf(sys, { op: "adjust_quota", vm: 1, quota: 2 })).toBe("ok");
    expect(expectOf(sys, { op: "adjust_quota", vm: 1, quota: 4 + room })).toBe("ok");
    expect(expectOf(sys, { op: "adjust_quota", vm: 1, quota: 4 + room + 1 })).toBe("ENOSPC");
  });

  it("checkQuota throws a quota violation when the answer differs, and accepts the expected one", () => {
    const sys = vmHolding(1, 1);
    const e = expectQuota(sys, { op: "vcmd_alloc", vm: 1 }, view(sys));
    expect(() => checkQuota(e, { kind: "call", result: { ok: false, errno: "EDQUOT" } })).not.toThrow();
    expect(() => checkQuota(e, { kind: "call", result: { ok: true, value: 2 } })).toThrow(/^quota: .*answered ok, expected EDQUOT: vm1's set already holds 1 of its 1$/);
    expect(() => checkQuota(e, { kind: "call", result: { ok: false, errno: "ENOSPC" } })).toThrow(/answered ENOSPC, expected EDQUOT/);
    expect(() => checkQuota(e, { kind: "call", result: { ok: false, errno: null, via: "sentinel", warnings: [] } })).not.toThrow(); // D30
    expect(() => checkQuota(e, { kind: "call", result: { ok: false, errno: null, via: "errno", warnings: ["-ENOMEM"] } })).toThrow(/answered no errno \(errno\)/);
  });
});
