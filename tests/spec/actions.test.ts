/**
 * Success paths of every action: values, state effects, deliveries.
 */
import { describe, expect, it } from "vitest";
import { c, deliveryLines, lastResult, quiet, runAll } from "./run.js";
import { heldCount } from "../../spec/derived.js";

const ok = (value: unknown) => ({ ok: true, value });

describe("sets", () => {
  it("alloc_set returns fresh handles and reserves quota", () => {
    const { world, outcomes } = runAll([c.nullSet(10), c.mmSet(7, 20), c.nullSet(10)]);
    expect(outcomes.map((o) => o.result)).toEqual([ok(1), ok(2), ok(3)]);
    expect([...world.core.sets.values()].reduce((a, s) => a + s.quota, 0)).toBe(40);
  });

  it("NULL tokens need not be unique", () => {
    expect(lastResult([c.nullSet(1, 9), c.nullSet(1, 9)])).toEqual(ok(2));
  });

  it("adjust_set changes the quota, down to the held count", () => {
    const { world } = runAll([c.nullSet(5), c.alloc(1), c.alloc(1), { op: "adjust_set", set: 1, quota: 2 }]);
    expect(world.core.sets.get(1)?.quota).toBe(2);
  });

  it("the last set_put frees every ID, delivers FREE, and destroys the set once reclaimed", () => {
    const { world, last } = runAll([
      c.mmSet(3), c.nb(1, "vdcm", "DEVICE"), c.alloc(1), c.alloc(1), c.get(1, 2), c.setPut(1),
    ]);
    expect(deliveryLines(last)).toEqual(["FREE 1->vdcm", "FREE 2->vdcm"]);
    expect(world.core.ids.has(1)).toBe(false);
    expect(world.core.ids.get(2)?.state).toBe("FREE_PENDING");
    expect(world.core.sets.get(1)?.refs).toBe(0);
    const after = runAll([c.put(null, 2)], world).world;
    expect(after.core.sets.size).toBe(0);
    expect(after.core.notifiers).toEqual([]);
  });

  it("set_get keeps a set alive across one set_put", () => {
    const { world } = runAll([c.nullSet(2), { op: "set_get", set: 1 }, c.alloc(1), c.setPut(1)]);
    expect(world.core.sets.get(1)?.refs).toBe(1);
    expect(world.core.ids.get(1)?.state).toBe("ALLOCATED");
  });

  it("an empty set is destroyed at its last set_put, returning its quota and MM token", () => {
    const { world, last } = runAll([c.mmSet(3, 60), c.setPut(1), c.mmSet(3, 60)]);
    expect(last?.result).toEqual(ok(2));
    expect(world.core.sets.size).toBe(1);
  });

  it("for_each_ioasid lists ALLOCATED IDs ascending, not pending ones", () => {
    expect(lastResult([c.nullSet(5), c.alloc(1), c.alloc(1), c.alloc(1), c.get(1, 2), c.free(1, 2), { op: "for_each_ioasid", set: 1 }]))
      .toEqual(ok([1, 3]));
  });
});

describe("IDs", () => {
  it("alloc returns the lowest free ID in range with one reference", () => {
    const { world, outcomes } = runAll([c.nullSet(5), c.alloc(1, 10, 20), c.alloc(1, 10, 20), c.alloc(1)]);
    expect(outcomes.slice(1).map((o) => o.result)).toEqual([ok(10), ok(11), ok(1)]);
    expect(world.core.ids.get(10)?.refs).toBe(1);
  });

  it("alloc reaches the top of the namespace", () => {
    const { world } = runAll([c.nullSet(2), c.alloc(1, 0xfffff, 0xfffff)]);
    expect(world.core.ids.has(0xfffff)).toBe(true);
  });

  it("free without references reclaims at once and delivers FREE to set and global chains", () => {
    const { world, last } = runAll([c.nullSet(2), c.nb(null, "iommu", "IOMMU"), c.nb(1, "kvm", "CPU"), c.alloc(1), c.free(1, 1)]);
    expect(deliveryLines(last)).toEqual(["FREE 1->kvm", "FREE 1->iommu"]);
    expect(world.core.ids.size).toBe(0);
  });

  it("free with references leaves the ID FREE_PENDING; the last put reclaims", () => {
    const { world } = runAll([c.nullSet(2), c.alloc(1), c.get(1, 1), c.free(1, 1)]);
    expect(world.core.ids.get(1)).toMatchObject({ state: "FREE_PENDING", refs: 1, allocRef: false });
    expect(runAll([c.put(1, 1)], world).world.core.ids.size).toBe(0);
  });

  it("a second free succeeds with no event", () => {
    const { last } = runAll([c.nullSet(2), c.nb(1, "kvm", "CPU"), c.alloc(1), c.get(1, 1), c.free(1, 1), c.free(1, 1)]);
    expect(last).toEqual({ result: ok(null), events: [] });
  });

  it("get and put through the null set", () => {
    const { world } = runAll([c.nullSet(2), c.alloc(1), c.get(null, 1), c.get(null, 1), c.put(null, 1)]);
    expect(world.core.ids.get(1)?.refs).toBe(2);
  });

  it("find returns the data and takes no reference; attach_data replaces it", () => {
    const r = runAll([c.nullSet(2), c.alloc(1, 1, 9, "mm-a"), { op: "find", set: null, id: 1, getter: "accept" },
      { op: "attach_data", set: 1, id: 1, data: "mm-b" }, { op: "find", set: 1, id: 1, getter: "none" }]);
    expect(r.outcomes[2]?.result).toEqual(ok("mm-a"));
    expect(r.outcomes[4]?.result).toEqual(ok("mm-b"));
    expect(r.world.core.ids.get(1)?.refs).toBe(1);
  });

  it("the released number is reused after reclaim", () => {
    expect(lastResult([c.nullSet(2), c.alloc(1), c.free(1, 1), c.alloc(1)])).toEqual(ok(1));
  });
});

describe("SPIDs", () => {
  it("two sets map the same SPID to different host IDs", () => {
    const r = runAll([c.nullSet(2), c.nullSet(2), c.alloc(1), c.alloc(2), c.spid(1, 1, 101), c.spid(2, 2, 101), c.bySpid(1, 101), c.bySpid(2, 101)]);
    expect(r.outcomes.slice(6).map((o) => o.result)).toEqual([ok(1), ok(2)]);
  });

  it("find_by_spid takes a reference", () => {
    const { world } = runAll([c.nullSet(2), c.alloc(1), c.spid(1, 1, 101), c.bySpid(1, 101)]);
    expect(world.core.ids.get(1)?.refs).toBe(2);
  });

  it("a FREE_PENDING ID keeps its SPID in FREE but does not block a new attachment", () => {
    const r = runAll([c.nullSet(3), c.nb(1, "kvm", "CPU"), c.alloc(1), c.spid(1, 1, 101), c.get(1, 1), c.free(1, 1), c.alloc(1), c.spid(1, 2, 101), c.bySpid(1, 101)]);
    expect(r.outcomes[5]?.events[0]).toEqual({ kind: "deliver", delivery: { event: "FREE", id: 1, spid: 101, set: 1, notifier: "kvm" } });
    expect(r.last?.result).toEqual(ok(2));
  });

  it("detach_spid frees the SPID for another ID", () => {
    expect(lastResult([c.nullSet(3), c.alloc(1), c.alloc(1), c.spid(1, 1, 7), { op: "detach_spid", set: 1, id: 1 }, c.spid(1, 2, 7)])).toEqual(ok(null));
  });
});

describe("notifications", () => {
  it("ALLOC goes to the set chain only", () => {
    const { last } = runAll([c.nullSet(2), c.nb(null, "iommu", "IOMMU"), c.nb(1, "kvm", "CPU"), c.alloc(1)]);
    expect(deliveryLines(last)).toEqual(["ALLOC 1->kvm"]);
  });

  it("delivery is by priority across chains, then registration order", () => {
    const { last } = runAll([
      c.nb(null, "last", "LAST"), c.nb(null, "iommu", "IOMMU"), c.mmSet(4), c.nb(1, "vdcm", "DEVICE"),
      c.nbMm(4, "kvm", "CPU"), c.nb(1, "dev2", "DEVICE"), c.alloc(1), c.free(1, 1),
    ]);
    expect(deliveryLines(last)).toEqual(["FREE 1->kvm", "FREE 1->vdcm", "FREE 1->dev2", "FREE 1->iommu", "FREE 1->last"]);
  });

  it("a pending MM notifier is attached when the set is created, and returns to pending at destruction", () => {
    const { world, outcomes } = runAll([c.nbMm(9, "kvm", "CPU"), c.mmSet(9), c.alloc(1), c.setPut(1), c.mmSet(9), c.alloc(2)]);
    expect(deliveryLines(outcomes[2])).toEqual(["ALLOC 1->kvm"]);
    expect(deliveryLines(outcomes[5])).toEqual(["ALLOC 1->kvm"]);
    expect(world.core.notifiers[0]?.scope).toEqual({ kind: "mm", mm: 9, attached: 2 });
  });

  it("a set's own notifiers are dropped with the set", () => {
    const { world } = runAll([c.nullSet(2), c.nb(1, "vdcm", "DEVICE"), c.setPut(1), c.nb(null, "vdcm", "DEVICE")]);
    expect(world.core.notifiers.map((n) => n.scope.kind)).toEqual(["global"]);
  });

  it("only the first BIND and the last UNBIND are delivered", () => {
    const r = runAll([c.mmSet(1), c.nbMm(1, "kvm", "CPU"), c.nb(null, "iommu", "IOMMU"), c.alloc(1),
      c.notify(1, 1, "BIND"), c.notify(null, 1, "BIND"), c.notify(1, 1, "UNBIND"), c.notify(1, 1, "UNBIND")]);
    expect(r.outcomes.slice(4).map(deliveryLines)).toEqual([["BIND 1->kvm", "BIND 1->iommu"], [], [], ["UNBIND 1->kvm", "UNBIND 1->iommu"]]);
  });

  it("UNBIND of a FREE_PENDING ID succeeds silently", () => {
    const { last } = runAll([c.mmSet(1), c.nbMm(1, "kvm", "CPU"), c.alloc(1), c.notify(1, 1, "BIND"), c.get(1, 1), c.free(1, 1), c.notify(1, 1, "UNBIND")]);
    expect(last).toEqual({ result: ok(null), events: [] });
  });

  it("unregister removes a notifier from delivery", () => {
    const { last } = runAll([c.nullSet(2), c.nb(1, "kvm", "CPU"), { op: "unregister_notifier", set: 1, name: "kvm" }, c.alloc(1)]);
    expect(deliveryLines(last)).toEqual([]);
  });

  it("unregister_notifier_mm removes a pending registration", () => {
    const { world } = runAll([c.nbMm(2, "kvm", "CPU"), { op: "unregister_notifier_mm", mm: 2, name: "kvm" }]);
    expect(world.core.notifiers).toEqual([]);
  });

  it("NULL-type sets accept notifiers while holding IDs", () => {
    expect(lastResult([c.nullSet(2), c.alloc(1), c.nb(1, "x", "LAST", quiet)])).toEqual(ok(null));
  });
});

describe("custom allocators", () => {
  it("the first registered allocator is active; sharers keep its space alive", () => {
    const r = runAll([
      { op: "register_allocator", name: "vcmd", fns: "f" }, { op: "register_allocator", name: "vcmd2", fns: "f" },
      { op: "register_allocator", name: "other", fns: "g" }, c.nullSet(2), c.alloc(1),
      { op: "unregister_allocator", name: "vcmd" }, { op: "unregister_allocator", name: "other" },
    ]);
    expect(r.world.core.ids.get(1)?.space).toEqual({ kind: "custom", fns: "f" });
    expect(r.outcomes.slice(5).map((o) => o.result)).toEqual([ok(null), ok(null)]);
    expect(lastResult([{ op: "unregister_allocator", name: "vcmd2" }], r.world)).toEqual({ ok: false, errno: "EBUSY" });
  });

  it("after the last custom allocator goes, the default one serves again", () => {
    const r = runAll([{ op: "register_allocator", name: "a", fns: "f" }, { op: "unregister_allocator", name: "a" }, c.nullSet(2), c.alloc(1)]);
    expect(r.world.core.ids.get(1)?.space).toEqual({ kind: "default" });
  });
});

describe("handler context", () => {
  it("a handler's _locked calls succeed and its lock-taking calls answer EDEADLK", () => {
    const r = runAll([c.nullSet(2), c.nb(1, "kvm", "CPU", { on: ["ALLOC"], now: ["get_locked", "free", "get"], later: [] }), c.alloc(1)]);
    const calls = r.last?.events.flatMap((e) => (e.kind === "call" ? [`${e.call}:${e.result.ok ? "ok" : e.result.errno}`] : []));
    expect(calls).toEqual(["get_locked:ok", "free:EDEADLK", "get:EDEADLK"]);
    expect(r.world.core.ids.get(1)?.refs).toBe(2);
  });

  it("deferred work runs later, in thread context, where _locked calls answer EINVAL", () => {
    const r = runAll([c.nullSet(2), c.nb(1, "vdcm", "DEVICE", { on: ["ALLOC"], now: ["get_locked"], later: ["put", "put_locked"] }), c.alloc(1)]);
    expect(r.world.env.work).toHaveLength(1);
    const w = runAll([c.work(), c.work()], r.world);
    expect(w.outcomes[0]?.events.map((e) => (e.kind === "call" ? `${e.context}:${e.call}:${e.result.ok}` : ""))).toEqual(["work:put:true", "work:put_locked:false"]);
    expect(w.outcomes[1]).toEqual({ result: ok(null), events: [] });
    expect(heldCount(w.world.core, 1)).toBe(1);
  });

  it("a handler cannot drop the allocation's reference while FREE is being delivered", () => {
    const r = runAll([c.nullSet(2), c.nb(1, "bad", "CPU", { on: ["FREE"], now: ["put_locked"], later: [] }), c.alloc(1), c.free(1, 1)]);
    expect(r.last?.events[1]).toMatchObject({ kind: "call", call: "put_locked", result: { ok: false, errno: "EINVAL" } });
    expect(r.world.core.ids.size).toBe(0);
  });

  it("a set_put_locked in a handler frees the set's IDs inside the handler (nesting)", () => {
    const r = runAll([
      c.nullSet(3), c.nb(null, "iommu", "IOMMU", { on: ["BIND"], now: ["set_put_locked"], later: [] }),
      c.alloc(1), c.alloc(1), c.notify(1, 1, "BIND"),
    ]);
    expect(deliveryLines(r.last)).toEqual(["BIND 1->iommu", "FREE 1->iommu", "FREE 2->iommu"]);
    expect(r.world.core.sets.size).toBe(0);
  });
});
