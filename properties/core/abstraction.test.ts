/**
 * The abstraction function beyond IDs and the custom allocators' books, on hand-made cases: the
 * bundled core and the spec's own wrapper show the same sets, capacity, notifiers and
 * allocators as the spec; a core without introspection is reported, not failed; the books catch
 * a number handed back twice, early or never; the spec's wrapper hands back an ID that its ALLOC
 * handlers reclaimed within the alloc itself.
 */
import { describe, expect, it } from "vitest";
import type { Command } from "../../api/commands.js";
import type { IoasidCore } from "../../api/core.js";
import { createImplCore } from "../../impl/index.js";
import { SpecCore } from "../../spec/spec-core.js";
import { initialState } from "../../spec/state.js";
import { checkedStep } from "./check-step.js";
import { CoreDriver } from "./driver.js";
import { initialModel } from "./model.js";
import { firstMismatch, uncheckedParts } from "./abstraction.js";
import { AllocatorLedger } from "./allocator-ledger.js";
import { AllocatorFns } from "./allocator-ops.js";

const SCRIPT: readonly Command[] = [
  { op: "register_allocator", name: "vcmd-a", fns: "vcmd" },
  { op: "register_notifier_mm", mm: 7, name: "kvm", priority: "CPU", reaction: { on: [], now: [], later: [] } },
  { op: "alloc_set", token: { type: "mm", mm: 7 }, quota: 5 },
  { op: "alloc", set: 1, min: 1, max: 100, data: null },
  { op: "get", set: 1, id: 100 },
  { op: "adjust_set", set: 1, quota: 3 },
  { op: "set_put", set: 1 },
];

const runScript = (core: IoasidCore) => {
  let m = initialModel(24);
  const d = new CoreDriver(core);
  for (const c of SCRIPT) m = checkedStep(m, d, c, "full").model;
  return m;
};

describe("introspection beyond IDs", () => {
  it.each([["impl", () => createImplCore({ capacity: 24 })], ["spec", () => new SpecCore({ capacity: 24 })]] as const)(
    "%s shows the spec's sets, capacity, notifiers and allocators through a dying MM set", (_n, make) => {
      const core = make();
      const m = runScript(core);
      expect(core.inspectSet?.(1)).toMatchObject({ quota: 3, held: 1, dying: true, kind: "mm", token: 7, refs: 0 });
      expect(core.capacityLeft?.()).toBe(21);
      expect(core.inspectNotifier?.("kvm")).toEqual({ where: "set", set: 1, mm: 7 });
      expect(core.inspectAllocator?.("vcmd-a")).toEqual({ active: true, outstanding: 1 });
      expect(core.inspectId(100)).toMatchObject({ state: "FREE_PENDING", refs: 1 });
      expect(firstMismatch(m.world.core, m.world.core, core, { op: "run_work" })).toBeNull();
    });

  it("names the parts a core without the optional methods cannot show", () => {
    const core = createImplCore({ capacity: 24 });
    const bare: IoasidCore = {
      allocSet: (t, q) => core.allocSet(t, q), adjustSet: (s, q) => core.adjustSet(s, q), setGet: (s) => core.setGet(s),
      setGetLocked: (s) => core.setGetLocked(s), setPut: (s) => core.setPut(s), setPutLocked: (s) => core.setPutLocked(s),
      forEachIoasid: (s) => core.forEachIoasid(s), alloc: (s, a, b, d) => core.alloc(s, a, b, d), free: (s, i) => core.free(s, i),
      get: (s, i) => core.get(s, i), getLocked: (s, i) => core.getLocked(s, i), put: (s, i) => core.put(s, i),
      putLocked: (s, i) => core.putLocked(s, i), find: (s, i, g) => core.find(s, i, g), attachData: (s, i, d) => core.attachData(s, i, d),
      attachSpid: (s, i, p) => core.attachSpid(s, i, p), detachSpid: (s, i) => core.detachSpid(s, i), findBySpid: (s, p) => core.findBySpid(s, p),
      registerNotifier: (s, nb) => core.registerNotifier(s, nb), unregisterNotifier: (s, n) => core.unregisterNotifier(s, n),
      registerNotifierMm: (mm, nb) => core.registerNotifierMm(mm, nb), unregisterNotifierMm: (mm, n) => core.unregisterNotifierMm(mm, n),
      notify: (s, i, e) => core.notify(s, i, e), registerAllocator: (o) => core.registerAllocator(o), unregisterAllocator: (n) => core.unregisterAllocator(n),
      inspectId: (i) => core.inspectId(i), capacityLeft: () => core.capacityLeft?.() ?? 0,
    };
    expect(uncheckedParts(bare)).toEqual(["inspectSet", "inspectNotifier", "inspectAllocator", "failNth"]);
    expect(uncheckedParts(core)).toEqual([]);
  });

  it("reports a capacity the core computes differently", () => {
    const core = createImplCore({ capacity: 24 });
    const m = runScript(core);
    const lying = new Proxy(core, { get: (t, p) => (p === "capacityLeft" ? () => 20 : Reflect.get(t, p)) });
    expect(firstMismatch(m.world.core, m.world.core, lying, { op: "run_work" })?.detail).toBe("capacity left: spec has 21, the core has 20");
  });
});

describe("custom allocators' books", () => {
  const withIds = (ids: readonly number[], fns = "vcmd") => {
    const s = initialState({ capacity: 24 });
    const set = { handle: 1, token: { type: "null" as const, value: 0 }, quota: 8, refs: 1 };
    const rec = (id: number) => ({ id, set: 1, state: "ALLOCATED" as const, refs: 1, allocRef: true, spid: null, data: null, binds: 0, space: { kind: "custom" as const, fns }, ghost: { taken: 0, takenAfterFree: 0 } });
    return { ...s, sets: new Map([[1, set]]), ids: new Map(ids.map((id) => [id, rec(id)])), allocators: [{ name: "vcmd-a", fns, group: 1 }] };
  };

  it("accepts a number handed back once, at its reclaim", () => {
    const l = new AllocatorLedger();
    l.handedOut("vcmd", 9);
    l.handedBack("vcmd", 9);
    expect(l.settle(withIds([9]), withIds([]), [])).toBeNull();
  });

  it("catches a number handed back twice, while still live, or never", () => {
    const l = new AllocatorLedger();
    l.handedOut("vcmd", 9);
    l.handedBack("vcmd", 9);
    l.handedBack("vcmd", 9);
    expect(l.settle(withIds([9]), withIds([]), [])).toMatch(/does not have it out/);
    l.handedOut("vcmd", 8);
    l.handedBack("vcmd", 8);
    expect(l.settle(withIds([8]), withIds([8]), [])).toMatch(/still live/);
    l.handedOut("vcmd", 7);
    expect(l.settle(withIds([7]), withIds([]), [])).toMatch(/never handed back/);
  });

  it("settles a step's calls in order: handed back, then handed out again (work frees, then allocates; seed -541967718)", () => {
    const l = new AllocatorLedger();
    l.handedOut("vcmd", 5);
    expect(l.settle(withIds([]), withIds([5]), [5])).toBeNull();
    l.handedBack("vcmd", 5);
    l.handedOut("vcmd", 5);
    expect(l.settle(withIds([5]), withIds([5]), [5])).toBeNull();
    l.handedBack("vcmd", 5);
    expect(l.settle(withIds([5]), withIds([]), [])).toBeNull();
    l.handedOut("vcmd", 6);
    l.handedBack("vcmd", 6);
    expect(l.settle(withIds([6]), withIds([6]), [])).toMatch(/still live/);
  });

  it("the spec's wrapper hands back an ID that its ALLOC handler reclaimed within the alloc", () => {
    const fns = new AllocatorFns();
    const core = new SpecCore({ capacity: 24 });
    expect(core.registerAllocator(fns.ops("vcmd-a", "vcmd")).ok).toBe(true);
    const set = core.allocSet({ type: "null", value: 0 }, 4);
    if (!set.ok || typeof set.value !== "number") throw new Error("no set");
    const handle = set.value;
    core.registerNotifier(handle, { name: "kvm", priority: "CPU", handler: (_d, c) => { c.setPutLocked(handle); } });
    const r = core.alloc(handle, 1, 100, null);
    expect(r).toEqual({ ok: true, value: 100 });
    expect(core.inspectId(100)).toBeNull();
    // The books of space "vcmd": 100 handed out, reclaimed within the step and handed back once.
    expect(fns.ledger.settle(withIds([]), withIds([]), [100])).toBeNull();
  });
});
