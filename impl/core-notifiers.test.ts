import { describe, expect, it } from "vitest";
import type { IoasidCore, NotifierBlock } from "../api/core.js";
import { ok } from "../api/result.js";
import { ImplCore } from "./core.js";
import { Recorder, callRaw, errnoOf, num } from "./test-support.js";

const MAX = 0xfffff;
const quiet = (name: string): NotifierBlock => ({ name, priority: "LAST", handler: () => undefined });

describe("registration", () => {
  it("a name is registered in one place at a time (EEXIST), across global, sets and pending", () => {
    const c = new ImplCore();
    const s = num(c.allocSet({ type: "null", value: 1 }, 5));
    expect(c.registerNotifier(null, quiet("g"))).toEqual(ok(null));
    expect(c.registerNotifier(s, quiet("s"))).toEqual(ok(null));
    expect(c.registerNotifierMm(77, quiet("p"))).toEqual(ok(null));
    for (const name of ["g", "s", "p"]) {
      expect(errnoOf(c.registerNotifier(null, quiet(name)))).toBe("EEXIST");
      expect(errnoOf(c.registerNotifier(s, quiet(name)))).toBe("EEXIST");
      expect(errnoOf(c.registerNotifierMm(78, quiet(name)))).toBe("EEXIST");
    }
    expect(c.stats().notifiers).toBe(3);
  });

  it("unregister finds a name only in its own scope (ENOENT elsewhere)", () => {
    const c = new ImplCore();
    const s = num(c.allocSet({ type: "null", value: 1 }, 5));
    const t = num(c.allocSet({ type: "null", value: 1 }, 5));
    const m = num(c.allocSet({ type: "mm", mm: 5 }, 5));
    c.registerNotifier(null, quiet("g"));
    c.registerNotifier(s, quiet("s"));
    c.registerNotifier(m, quiet("onm"));
    c.registerNotifierMm(5, quiet("viaMm"));
    c.registerNotifierMm(6, quiet("pending"));
    expect(errnoOf(c.unregisterNotifier(s, "g"))).toBe("ENOENT");
    expect(errnoOf(c.unregisterNotifier(null, "s"))).toBe("ENOENT");
    expect(errnoOf(c.unregisterNotifier(t, "s"))).toBe("ENOENT");
    expect(errnoOf(c.unregisterNotifier(m, "viaMm"))).toBe("ENOENT");
    expect(errnoOf(c.unregisterNotifierMm(5, "onm"))).toBe("ENOENT");
    expect(errnoOf(c.unregisterNotifierMm(5, "pending"))).toBe("ENOENT");
    expect(errnoOf(c.unregisterNotifier(null, "nobody"))).toBe("ENOENT");
    expect(c.stats().notifiers).toBe(5);
    expect(c.unregisterNotifier(null, "g")).toEqual(ok(null));
    expect(c.unregisterNotifier(s, "s")).toEqual(ok(null));
    expect(c.unregisterNotifier(m, "onm")).toEqual(ok(null));
    expect(c.unregisterNotifierMm(5, "viaMm")).toEqual(ok(null));
    expect(c.unregisterNotifierMm(6, "pending")).toEqual(ok(null));
    expect(c.stats().notifiers).toBe(0);
    expect(c.inspectSet(m)?.chain).toEqual([]);
    expect(errnoOf(c.unregisterNotifier(null, "g"))).toBe("ENOENT");
  });

  it("MM sets accept notifiers only while they hold no ID (EBUSY, D23); NULL sets always", () => {
    const c = new ImplCore();
    const m = num(c.allocSet({ type: "mm", mm: 3 }, 5));
    const n = num(c.allocSet({ type: "null", value: 3 }, 5));
    const id = num(c.alloc(m, 1, MAX, null));
    num(c.alloc(n, 1, MAX, null));
    expect(errnoOf(c.registerNotifier(m, quiet("a")))).toBe("EBUSY");
    expect(errnoOf(c.registerNotifierMm(3, quiet("b")))).toBe("EBUSY");
    expect(c.registerNotifier(n, quiet("c"))).toEqual(ok(null));
    c.get(m, id);
    c.free(m, id);
    expect(errnoOf(c.registerNotifierMm(3, quiet("b")))).toBe("EBUSY");
    c.put(m, id);
    expect(c.registerNotifierMm(3, quiet("b"))).toEqual(ok(null));
    expect(c.registerNotifier(m, quiet("a"))).toEqual(ok(null));
    expect(c.inspectSet(m)?.chain).toEqual(["b", "a"]);
  });

  it("pending MM notifiers attach to the new MM set and go back to pending at destroy (D24)", () => {
    const c = new ImplCore();
    const r = new Recorder();
    c.registerNotifierMm(11, r.nb("kvm", "CPU"));
    const m = num(c.allocSet({ type: "mm", mm: 11 }, 5));
    c.registerNotifier(m, r.nb("own", "DEVICE"));
    expect(c.inspectSet(m)?.chain).toEqual(["kvm", "own"]);
    const id = num(c.alloc(m, 1, MAX, null));
    expect(r.lines()).toEqual([`ALLOC:kvm:${id}`, `ALLOC:own:${id}`]);
    c.setPut(m);
    expect(c.inspectSet(m)).toBeNull();
    // "own" was dropped with the set: its name is free again; "kvm" is pending again.
    expect(c.registerNotifier(null, quiet("own"))).toEqual(ok(null));
    expect(errnoOf(c.registerNotifier(null, quiet("kvm")))).toBe("EEXIST");
    r.clear();
    const m2 = num(c.allocSet({ type: "mm", mm: 11 }, 5));
    expect(c.inspectSet(m2)?.chain).toEqual(["kvm"]);
    const id2 = num(c.alloc(m2, 1, MAX, null));
    expect(r.lines()).toEqual([`ALLOC:kvm:${id2}`]);
  });

  it("registerNotifierMm goes pending while the MM set is dying", () => {
    const c = new ImplCore();
    const m = num(c.allocSet({ type: "mm", mm: 4 }, 5));
    const id = num(c.alloc(m, 1, MAX, null));
    c.get(m, id);
    c.setPut(m);
    expect(c.registerNotifierMm(4, quiet("late"))).toEqual(ok(null));
    expect(c.inspectSet(m)?.chain).toEqual([]);
    c.put(m, id);
    const m2 = num(c.allocSet({ type: "mm", mm: 4 }, 5));
    expect(c.inspectSet(m2)?.chain).toEqual(["late"]);
    expect(c.unregisterNotifierMm(4, "late")).toEqual(ok(null));
    expect(c.inspectSet(m2)?.chain).toEqual([]);
  });
});

describe("delivery order (D25)", () => {
  it("merges global and set chains by priority, then registration order", () => {
    const c = new ImplCore();
    const r = new Recorder();
    c.registerNotifierMm(8, r.nb("mmLast", "LAST"));      // seq 1, pending
    c.registerNotifier(null, r.nb("gIommu", "IOMMU"));    // seq 2
    const m = num(c.allocSet({ type: "mm", mm: 8 }, 5));
    c.registerNotifier(m, r.nb("sDev", "DEVICE"));        // seq 3
    c.registerNotifier(null, r.nb("gCpu", "CPU"));        // seq 4
    c.registerNotifierMm(8, r.nb("mmCpu", "CPU"));        // seq 5, attached at once
    c.registerNotifier(null, r.nb("gDev", "DEVICE"));     // seq 6
    c.registerNotifier(m, r.nb("sIommu", "IOMMU"));       // seq 7
    c.registerNotifier(null, r.nb("gLast", "LAST"));      // seq 8
    const id = num(c.alloc(m, 1, MAX, null));
    expect(r.lines()).toEqual([`ALLOC:mmCpu:${id}`, `ALLOC:sDev:${id}`, `ALLOC:sIommu:${id}`, `ALLOC:mmLast:${id}`]);
    r.clear();
    c.notify(null, id, "BIND");
    expect(r.log.map((d) => d.notifier)).toEqual(["gCpu", "mmCpu", "sDev", "gDev", "gIommu", "sIommu", "mmLast", "gLast"]);
    expect(r.log.every((d) => d.event === "BIND" && d.id === id && d.set === m && d.spid === null)).toBe(true);
    r.clear();
    c.free(m, id);
    expect(r.log.map((d) => d.notifier)).toEqual(["gCpu", "mmCpu", "sDev", "gDev", "gIommu", "sIommu", "mmLast", "gLast"]);
  });

  it("a pending MM notifier keeps its registration number when attached", () => {
    const c = new ImplCore();
    const r = new Recorder();
    c.registerNotifierMm(2, r.nb("kvm", "CPU"));
    c.registerNotifier(null, r.nb("other", "CPU"));
    const m = num(c.allocSet({ type: "mm", mm: 2 }, 5));
    const id = num(c.alloc(m, 1, MAX, null));
    r.clear();
    c.free(m, id);
    expect(r.lines()).toEqual([`FREE:kvm:${id}`, `FREE:other:${id}`]);
  });

  it("the recipient list is fixed at publication, even if the set is destroyed meanwhile", () => {
    const c = new ImplCore();
    const r = new Recorder();
    const s = num(c.allocSet({ type: "null", value: 1 }, 5));
    const id = num(c.alloc(s, 1, MAX, null));
    const calls: string[] = [];
    c.registerNotifier(s, r.nb("first", "CPU", (d, core) => {
      if (d.event === "BIND") calls.push(errnoOf(core.setPutLocked(d.set)));
    }));
    c.registerNotifier(s, r.nb("second", "LAST"));
    c.registerNotifier(null, r.nb("global", "IOMMU"));
    c.notify(s, id, "BIND");
    // The nested set_put freed the only ID, which was reclaimed, and the set was destroyed
    // (its chain dropped) while BIND was still being delivered: "second" still gets BIND.
    expect(calls).toEqual(["ok"]);
    expect(r.lines()).toEqual([
      `BIND:first:${id}`, `FREE:first:${id}`, `FREE:global:${id}`, `FREE:second:${id}`,
      `BIND:global:${id}`, `BIND:second:${id}`,
    ]);
    expect(c.inspectSet(s)).toBeNull();
    expect(c.stats()).toMatchObject({ ids: 0, sets: 0, notifiers: 1, quotaSum: 0 });
  });
});

describe("BIND / UNBIND (D26)", () => {
  it("delivers only the first BIND and the last UNBIND", () => {
    const c = new ImplCore();
    const r = new Recorder();
    c.registerNotifier(null, r.nb("g", "IOMMU"));
    const s = num(c.allocSet({ type: "null", value: 1 }, 5));
    const id = num(c.alloc(s, 1, MAX, null));
    c.attachSpid(s, id, 77);
    for (let i = 0; i < 3; i++) expect(c.notify(s, id, "BIND")).toEqual(ok(null));
    expect(r.log).toEqual([{ event: "BIND", id, spid: 77, set: s, notifier: "g" }]);
    expect(c.inspectRecord(id)?.binds).toBe(3);
    expect(c.notify(null, id, "UNBIND")).toEqual(ok(null));
    expect(c.notify(s, id, "UNBIND")).toEqual(ok(null));
    expect(r.log.length).toBe(1);
    expect(c.notify(s, id, "UNBIND")).toEqual(ok(null));
    expect(r.lines()).toEqual([`BIND:g:${id}`, `UNBIND:g:${id}`]);
    expect(errnoOf(c.notify(s, id, "UNBIND"))).toBe("EINVAL");
    expect(c.notify(s, id, "BIND")).toEqual(ok(null));
    expect(r.lines()).toEqual([`BIND:g:${id}`, `UNBIND:g:${id}`, `BIND:g:${id}`]);
  });

  it("BIND on FREE_PENDING answers ENOENT; UNBIND there is silent; wrong set EACCES", () => {
    const c = new ImplCore();
    const r = new Recorder();
    c.registerNotifier(null, r.nb("g", "IOMMU"));
    const s = num(c.allocSet({ type: "null", value: 1 }, 5));
    const t = num(c.allocSet({ type: "null", value: 2 }, 5));
    const id = num(c.alloc(s, 1, MAX, null));
    expect(errnoOf(c.notify(t, id, "BIND"))).toBe("EACCES");
    c.notify(s, id, "BIND");
    c.notify(s, id, "BIND");
    c.get(s, id);
    c.free(s, id);
    r.clear();
    expect(errnoOf(c.notify(s, id, "BIND"))).toBe("ENOENT");
    expect(c.notify(s, id, "UNBIND")).toEqual(ok(null));
    expect(c.notify(s, id, "UNBIND")).toEqual(ok(null));
    expect(errnoOf(c.notify(s, id, "UNBIND"))).toBe("EINVAL");
    expect(r.log).toEqual([]);
    expect(errnoOf(c.notify(s, id + 1, "UNBIND"))).toBe("ENOENT");
  });
});

describe("handler context (D27)", () => {
  const unlockedCalls = (c: IoasidCore, set: number, id: number): Record<string, string> => ({
    allocSet: errnoOf(c.allocSet({ type: "null", value: 1 }, 1)),
    adjustSet: errnoOf(c.adjustSet(set, 9)),
    setGet: errnoOf(c.setGet(set)),
    setPut: errnoOf(c.setPut(set)),
    forEachIoasid: errnoOf(c.forEachIoasid(set)),
    alloc: errnoOf(c.alloc(set, 1, MAX, null)),
    free: errnoOf(c.free(set, id)),
    get: errnoOf(c.get(set, id)),
    put: errnoOf(c.put(set, id)),
    find: errnoOf(c.find(set, id, "none")),
    attachData: errnoOf(c.attachData(set, id, "z")),
    attachSpid: errnoOf(c.attachSpid(set, id, 9)),
    detachSpid: errnoOf(c.detachSpid(set, id)),
    findBySpid: errnoOf(c.findBySpid(set, 5)),
    registerNotifier: errnoOf(c.registerNotifier(null, quiet("x"))),
    unregisterNotifier: errnoOf(c.unregisterNotifier(null, "h")),
    registerNotifierMm: errnoOf(c.registerNotifierMm(3, quiet("y"))),
    unregisterNotifierMm: errnoOf(c.unregisterNotifierMm(3, "h")),
    notify: errnoOf(c.notify(set, id, "UNBIND")),
    registerAllocator: errnoOf(c.registerAllocator({ name: "a", alloc: () => 1, free: () => undefined })),
    unregisterAllocator: errnoOf(c.unregisterAllocator("a")),
    // invalid arguments still answer EDEADLK: context is checked first
    getBad: errnoOf(callRaw(c, "get", [set, NaN])),
  });

  it("inside a handler every lock-taking call answers EDEADLK and changes nothing", () => {
    const c = new ImplCore();
    const s = num(c.allocSet({ type: "null", value: 1 }, 5));
    const id = num(c.alloc(s, 1, MAX, "d"));
    c.attachSpid(s, id, 5);
    c.notify(s, id, "BIND");
    let inside: Record<string, string> = {};
    c.registerNotifier(null, { name: "h", priority: "CPU", handler: (d, core) => {
      inside = unlockedCalls(core, d.set, d.id);
    } });
    const before = JSON.stringify([c.stats(), c.inspectSet(s), c.inspectId(id)]);
    c.notify(s, id, "UNBIND");
    const names = Object.keys(inside);
    expect(names.length).toBe(22);
    for (const n of names) expect(`${n}:${inside[n]}`).toBe(`${n}:EDEADLK`);
    expect(JSON.stringify([c.stats(), c.inspectSet(s), c.inspectId(id)])).toBe(
      before.replace('"binds":1', '"binds":0'),
    );
  });

  it("the *Locked calls work inside a handler and answer EINVAL outside", () => {
    const c = new ImplCore();
    const s = num(c.allocSet({ type: "null", value: 1 }, 5));
    const id = num(c.alloc(s, 1, MAX, null));
    const got: string[] = [];
    c.registerNotifier(s, { name: "h", priority: "CPU", handler: (d, core) => {
      got.push(
        errnoOf(core.getLocked(d.set, d.id)),
        errnoOf(core.getLocked(null, d.id)),
        errnoOf(core.putLocked(null, d.id)),
        errnoOf(core.setGetLocked(d.set)),
        errnoOf(core.setPutLocked(d.set)),
        errnoOf(core.getLocked(d.set, 999)),
        errnoOf(core.setGetLocked(12345)),
      );
    } });
    c.notify(s, id, "BIND");
    expect(got).toEqual(["ok", "ok", "ok", "ok", "ok", "ENOENT", "EINVAL"]);
    expect(c.inspectId(id)?.refs).toBe(2);
    expect(c.inspectSet(s)?.refs).toBe(1);
    expect(errnoOf(c.getLocked(s, id))).toBe("EINVAL");
    expect(errnoOf(c.putLocked(s, id))).toBe("EINVAL");
    expect(errnoOf(c.setGetLocked(s))).toBe("EINVAL");
    expect(errnoOf(c.setPutLocked(s))).toBe("EINVAL");
    expect(c.inspectId(id)?.refs).toBe(2);
  });

  it("handlers nest: setPutLocked inside a handler frees IDs and delivers FREE inside it", () => {
    const c = new ImplCore();
    const r = new Recorder();
    const s = num(c.allocSet({ type: "null", value: 1 }, 5));
    const x = num(c.alloc(s, 1, MAX, null));
    const y = num(c.alloc(s, 1, MAX, null));
    const order: string[] = [];
    const inner: string[] = [];
    c.registerNotifier(null, r.nb("iommu", "IOMMU", (d, core) => {
      order.push(`${d.event}:${d.id}`);
      if (d.event === "BIND") {
        inner.push(errnoOf(core.setPutLocked(d.set)));
        order.push("after-setput");
      }
      if (d.event === "FREE") inner.push(errnoOf(core.getLocked(null, d.id)), errnoOf(core.get(null, d.id)));
    }));
    c.get(s, y);
    c.notify(s, x, "BIND");
    expect(order).toEqual([`BIND:${x}`, `FREE:${x}`, `FREE:${y}`, "after-setput"]);
    // Inside the nested FREE handlers: the ID is FREE_PENDING (getLocked ENOENT) and the
    // lock-taking get is refused (EDEADLK); then setPutLocked itself answers ok.
    expect(inner).toEqual(["ENOENT", "EDEADLK", "ENOENT", "EDEADLK", "ok"]);
    expect(c.inspectId(x)).toBeNull();
    expect(c.inspectId(y)).toMatchObject({ state: "FREE_PENDING", refs: 1 });
    expect(c.inspectSet(s)).toMatchObject({ dying: true, held: 1 });
    expect(errnoOf(c.getLocked(null, y))).toBe("EINVAL");
    expect(c.put(null, y)).toEqual(ok(null));
    expect(c.inspectSet(s)).toBeNull();
  });

  it("a throwing handler is caught; delivery goes on and the context is restored", () => {
    const c = new ImplCore();
    const r = new Recorder();
    c.registerNotifier(null, r.nb("bad", "CPU", () => {
      throw new Error("handler bug");
    }));
    c.registerNotifier(null, r.nb("good", "LAST"));
    const s = num(c.allocSet({ type: "null", value: 1 }, 5));
    const id = num(c.alloc(s, 1, MAX, null));
    expect(c.notify(s, id, "BIND")).toEqual(ok(null));
    expect(r.lines()).toEqual([`BIND:bad:${id}`, `BIND:good:${id}`]);
    expect(c.stats().handlerFaults).toBe(1);
    expect(c.get(s, id)).toEqual(ok(null));
    expect(errnoOf(c.getLocked(s, id))).toBe("EINVAL");
  });
});
