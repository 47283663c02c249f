import { beforeEach, describe, expect, it } from "vitest";
import { ok } from "../api/result.js";
import { ImplCore } from "./core.js";
import { Recorder, errnoOf, num } from "./test-support.js";

const MAX = 0xfffff;

let core: ImplCore;
let a: number;
let b: number;

beforeEach(() => {
  core = new ImplCore();
  a = num(core.allocSet({ type: "null", value: 1 }, 10));
  b = num(core.allocSet({ type: "null", value: 2 }, 10));
});

describe("alloc", () => {
  it("hands out the lowest free ID with one reference and the data", () => {
    expect(core.alloc(a, 1, MAX, "x")).toEqual(ok(1));
    expect(core.alloc(b, 1, MAX, null)).toEqual(ok(2));
    expect(core.alloc(a, 10, 20, null)).toEqual(ok(10));
    expect(core.inspectId(1)).toEqual({ state: "ALLOCATED", refs: 1, set: a, spid: null });
    expect(core.inspectRecord(1)).toEqual({
      state: "ALLOCATED", refs: 1, set: a, spid: null, binds: 0, data: "x", allocationRef: true,
    });
    expect(core.forEachIoasid(a)).toEqual(ok([1, 10]));
    expect(core.forEachIoasid(b)).toEqual(ok([2]));
  });

  it("refuses a malformed range or data with EINVAL", () => {
    expect(errnoOf(core.alloc(a, 5, 4, null))).toBe("EINVAL");
    expect(errnoOf(core.alloc(a, 0, 4, null))).toBe("EINVAL");
    expect(errnoOf(core.alloc(a, 1, MAX + 1, null))).toBe("EINVAL");
    expect(core.stats().ids).toBe(0);
  });

  it("refuses an unknown set with EINVAL and a dying set with ENOENT", () => {
    expect(errnoOf(core.alloc(999, 1, MAX, null))).toBe("EINVAL");
    const id = num(core.alloc(a, 1, MAX, null));
    core.get(a, id);
    core.setPut(a);
    expect(core.inspectSet(a)?.dying).toBe(true);
    expect(errnoOf(core.alloc(a, 1, MAX, null))).toBe("ENOENT");
  });

  it("counts FREE_PENDING IDs against the quota (EDQUOT) and their numbers stay taken", () => {
    const s = num(core.allocSet({ type: "null", value: 3 }, 2));
    const x = num(core.alloc(s, 1, MAX, null));
    const y = num(core.alloc(s, 1, MAX, null));
    expect(errnoOf(core.alloc(s, 1, MAX, null))).toBe("EDQUOT");
    core.get(s, x);
    core.free(s, x);
    expect(core.inspectId(x)?.state).toBe("FREE_PENDING");
    expect(errnoOf(core.alloc(s, 1, MAX, null))).toBe("EDQUOT");
    expect(errnoOf(core.alloc(a, x, x, null))).toBe("ENOSPC");
    core.put(s, x);
    expect(core.alloc(s, 1, MAX, null)).toEqual(ok(x));
    expect(y).toBe(x + 1);
  });

  it("answers ENOSPC when no ID in the range is free", () => {
    core.alloc(a, 7, 7, null);
    expect(errnoOf(core.alloc(b, 7, 7, null))).toBe("ENOSPC");
    expect(core.alloc(b, 7, 8, null)).toEqual(ok(8));
  });

  it("delivers ALLOC to the set chain only, after the ID exists with one reference", () => {
    const r = new Recorder();
    const seen: string[] = [];
    core.registerNotifier(null, r.nb("global", "CPU"));
    core.registerNotifier(a, r.nb("onA", "LAST", (d, c) => {
      seen.push(errnoOf(c.getLocked(d.set, d.id)));
      seen.push(errnoOf(c.putLocked(d.set, d.id)));
      seen.push(errnoOf(c.putLocked(d.set, d.id)));
    }));
    core.registerNotifier(b, r.nb("onB", "CPU"));
    const id = num(core.alloc(a, 1, MAX, "d"));
    expect(r.log).toEqual([{ event: "ALLOC", id, spid: null, set: a, notifier: "onA" }]);
    expect(seen).toEqual(["ok", "ok", "EINVAL"]);
    expect(core.inspectId(id)?.refs).toBe(1);
  });

  it("cyclic policy goes on after the last ID handed out and wraps", () => {
    const c = new ImplCore({ policy: "cyclic" });
    const s = num(c.allocSet({ type: "null", value: 0 }, 100));
    expect(c.alloc(s, 1, MAX, null)).toEqual(ok(1));
    expect(c.alloc(s, 1, MAX, null)).toEqual(ok(2));
    c.free(s, 1);
    expect(c.alloc(s, 1, MAX, null)).toEqual(ok(3));
    expect(c.alloc(s, MAX, MAX, null)).toEqual(ok(MAX));
    expect(c.alloc(s, 1, MAX, null)).toEqual(ok(1));
    expect(c.alloc(s, 1, 4, null)).toEqual(ok(4));
    expect(errnoOf(c.alloc(s, 1, 4, null))).toBe("ENOSPC");
  });
});

describe("table growth", () => {
  it("keeps every record intact while the per-ID tables grow to the top of the namespace", () => {
    const c = new ImplCore();
    const s = num(c.allocSet({ type: "null", value: 1 }, 5000));
    for (let i = 1; i <= 3000; i++) {
      expect(num(c.alloc(s, 1, MAX, `d${i}`))).toBe(i);
      c.attachSpid(s, i, MAX - i);
      if (i % 3 === 0) c.get(s, i);
    }
    c.notify(s, 7, "BIND");
    expect(c.alloc(s, MAX, MAX, "top")).toEqual(ok(MAX));
    expect(c.alloc(s, 500000, MAX, null)).toEqual(ok(500000));
    let bad = 0;
    for (let i = 1; i <= 3000; i++) {
      const info = c.inspectRecord(i);
      if (info === null || info.refs !== (i % 3 === 0 ? 2 : 1) || info.spid !== MAX - i || info.data !== `d${i}`) bad++;
    }
    expect(bad).toBe(0);
    expect(c.inspectRecord(7)?.binds).toBe(1);
    expect(c.findBySpid(s, MAX - 2999)).toEqual(ok(2999));
    const all = c.forEachIoasid(s);
    expect(all.ok && Array.isArray(all.value) ? all.value.length : -1).toBe(3002);
    expect(c.free(s, MAX)).toEqual(ok(null));
    expect(c.inspectId(MAX)).toBeNull();
  });
});

describe("free", () => {
  it("reclaims at once when the allocation's reference is the only one", () => {
    const id = num(core.alloc(a, 1, MAX, "x"));
    expect(core.free(a, id)).toEqual(ok(null));
    expect(core.inspectId(id)).toBeNull();
    expect(core.forEachIoasid(a)).toEqual(ok([]));
    expect(core.inspectSet(a)?.held).toBe(0);
    expect(core.alloc(b, 1, MAX, null)).toEqual(ok(id));
  });

  it("leaves FREE_PENDING while references remain; a second free is a silent no-op", () => {
    const r = new Recorder();
    core.registerNotifier(null, r.nb("g", "IOMMU"));
    const id = num(core.alloc(a, 1, MAX, null));
    core.get(null, id);
    expect(core.free(a, id)).toEqual(ok(null));
    expect(core.inspectId(id)).toMatchObject({ state: "FREE_PENDING", refs: 1 });
    expect(r.lines()).toEqual([`FREE:g:${id}`]);
    expect(core.free(a, id)).toEqual(ok(null));
    expect(r.lines()).toEqual([`FREE:g:${id}`]);
    expect(core.inspectId(id)).toMatchObject({ state: "FREE_PENDING", refs: 1 });
    expect(core.forEachIoasid(a)).toEqual(ok([]));
    expect(core.put(null, id)).toEqual(ok(null));
    expect(core.inspectId(id)).toBeNull();
  });

  it("refuses null set and another set with EACCES, unknown IDs with ENOENT", () => {
    const id = num(core.alloc(a, 1, MAX, null));
    expect(errnoOf(core.free(null, id))).toBe("EACCES");
    expect(errnoOf(core.free(b, id))).toBe("EACCES");
    expect(errnoOf(core.free(a, id + 1))).toBe("ENOENT");
    expect(errnoOf(core.free(12345, id))).toBe("EINVAL");
    expect(core.inspectId(id)?.state).toBe("ALLOCATED");
  });

  it("answers EACCES (not ENOENT) for another set's FREE_PENDING ID (D3)", () => {
    const id = num(core.alloc(a, 1, MAX, null));
    core.get(a, id);
    core.free(a, id);
    expect(errnoOf(core.free(b, id))).toBe("EACCES");
    expect(errnoOf(core.get(b, id))).toBe("EACCES");
    expect(errnoOf(core.put(b, id))).toBe("EACCES");
    expect(errnoOf(core.find(b, id, "none"))).toBe("EACCES");
    expect(errnoOf(core.get(a, id))).toBe("ENOENT");
    expect(errnoOf(core.get(null, id))).toBe("ENOENT");
  });

  it("drops the allocation's reference only after the FREE handlers ran (D9)", () => {
    const refsSeen: number[] = [];
    core.registerNotifier(a, {
      name: "k", priority: "CPU",
      handler: (d) => {
        if (d.event === "FREE") refsSeen.push(core.inspectId(d.id)?.refs ?? -1);
      },
    });
    const id = num(core.alloc(a, 1, MAX, null));
    core.free(a, id);
    expect(refsSeen).toEqual([1]);
    expect(core.inspectId(id)).toBeNull();
  });

  it("a handler cannot put the ID to zero during FREE: the allocation's reference is held (D11)", () => {
    const id = num(core.alloc(a, 1, MAX, null));
    core.get(a, id);
    const results: string[] = [];
    const seen: (boolean | undefined)[] = [];
    core.registerNotifier(a, {
      name: "over", priority: "CPU",
      handler: (d, c) => {
        if (d.event !== "FREE") return;
        seen.push(core.inspectRecord(d.id)?.allocationRef);
        results.push(errnoOf(c.putLocked(d.set, d.id)), errnoOf(c.putLocked(d.set, d.id)));
        seen.push(core.inspectId(d.id)?.refs === 1);
      },
    });
    core.free(a, id);
    expect(results).toEqual(["ok", "EINVAL"]);
    expect(seen).toEqual([true, true]);
    expect(core.inspectId(id)).toBeNull();
    expect(core.inspectSet(a)?.held).toBe(0);
    expect(core.stats().ids).toBe(0);
  });

  it("after free has returned, a put may take a FREE_PENDING ID to zero", () => {
    const id = num(core.alloc(a, 1, MAX, null));
    core.get(a, id);
    core.free(a, id);
    expect(core.inspectRecord(id)).toMatchObject({ state: "FREE_PENDING", refs: 1, allocationRef: false });
    expect(core.put(a, id)).toEqual(ok(null));
    expect(core.inspectId(id)).toBeNull();
  });
});

describe("get / put", () => {
  it("counts references; null set means any set", () => {
    const id = num(core.alloc(a, 1, MAX, null));
    expect(core.get(null, id)).toEqual(ok(null));
    expect(core.get(a, id)).toEqual(ok(null));
    expect(core.inspectId(id)?.refs).toBe(3);
    expect(core.put(null, id)).toEqual(ok(null));
    expect(core.put(a, id)).toEqual(ok(null));
    expect(errnoOf(core.put(a, id))).toBe("EINVAL");
    expect(core.inspectId(id)).toMatchObject({ state: "ALLOCATED", refs: 1 });
  });

  it("refuses wrong set (EACCES), unknown ID (ENOENT), unknown set (EINVAL)", () => {
    const id = num(core.alloc(a, 1, MAX, null));
    expect(errnoOf(core.get(b, id))).toBe("EACCES");
    expect(errnoOf(core.put(b, id))).toBe("EACCES");
    expect(errnoOf(core.get(a, 99))).toBe("ENOENT");
    expect(errnoOf(core.put(null, 99))).toBe("ENOENT");
    expect(errnoOf(core.get(77, id))).toBe("EINVAL");
    expect(core.inspectId(id)?.refs).toBe(1);
  });

  it("put of a FREE_PENDING ID counts down and reclaims at zero", () => {
    const id = num(core.alloc(a, 1, MAX, null));
    core.get(a, id);
    core.get(a, id);
    core.free(a, id);
    expect(core.inspectId(id)).toMatchObject({ state: "FREE_PENDING", refs: 2 });
    expect(core.put(a, id)).toEqual(ok(null));
    expect(core.inspectId(id)?.refs).toBe(1);
    expect(core.put(a, id)).toEqual(ok(null));
    expect(core.inspectId(id)).toBeNull();
    expect(errnoOf(core.put(a, id))).toBe("ENOENT");
  });
});

describe("find / attachData", () => {
  it("returns the data without taking a reference; reject answers ENOENT", () => {
    const id = num(core.alloc(a, 1, MAX, "priv"));
    expect(core.find(a, id, "none")).toEqual(ok("priv"));
    expect(core.find(null, id, "accept")).toEqual(ok("priv"));
    expect(errnoOf(core.find(a, id, "reject"))).toBe("ENOENT");
    expect(core.inspectId(id)?.refs).toBe(1);
    expect(errnoOf(core.find(b, id, "none"))).toBe("EACCES");
    expect(errnoOf(core.find(a, id + 1, "none"))).toBe("ENOENT");
  });

  it("refuses FREE_PENDING with ENOENT", () => {
    const id = num(core.alloc(a, 1, MAX, "priv"));
    core.get(a, id);
    core.free(a, id);
    expect(errnoOf(core.find(a, id, "none"))).toBe("ENOENT");
    expect(errnoOf(core.find(null, id, "accept"))).toBe("ENOENT");
    expect(errnoOf(core.attachData(a, id, "new"))).toBe("ENOENT");
  });

  it("attachData replaces the data; only the owner may", () => {
    const id = num(core.alloc(a, 1, MAX, null));
    expect(core.find(a, id, "none")).toEqual(ok(null));
    expect(core.attachData(a, id, "d2")).toEqual(ok(null));
    expect(core.find(a, id, "none")).toEqual(ok("d2"));
    expect(errnoOf(core.attachData(null, id, "d3"))).toBe("EACCES");
    expect(errnoOf(core.attachData(b, id, "d3"))).toBe("EACCES");
    expect(errnoOf(core.attachData(a, id + 1, "d3"))).toBe("ENOENT");
    expect(core.attachData(a, id, null)).toEqual(ok(null));
    expect(core.find(a, id, "none")).toEqual(ok(null));
  });
});

describe("SPIDs", () => {
  it("attach, resolve with a reference, detach", () => {
    const id = num(core.alloc(a, 1, MAX, null));
    expect(core.attachSpid(a, id, 101)).toEqual(ok(null));
    expect(core.findBySpid(a, 101)).toEqual(ok(id));
    expect(core.inspectId(id)).toMatchObject({ refs: 2, spid: 101 });
    expect(errnoOf(core.findBySpid(b, 101))).toBe("ENOENT");
    expect(errnoOf(core.findBySpid(null, 101))).toBe("EINVAL");
    expect(core.detachSpid(a, id)).toEqual(ok(null));
    expect(errnoOf(core.findBySpid(a, 101))).toBe("ENOENT");
    expect(errnoOf(core.detachSpid(a, id))).toBe("ENOENT");
    expect(core.attachSpid(a, id, 102)).toEqual(ok(null));
  });

  it("EBUSY for a second SPID on one ID, EEXIST for an SPID in use in the set", () => {
    const x = num(core.alloc(a, 1, MAX, null));
    const y = num(core.alloc(a, 1, MAX, null));
    const z = num(core.alloc(b, 1, MAX, null));
    core.attachSpid(a, x, 101);
    expect(errnoOf(core.attachSpid(a, x, 102))).toBe("EBUSY");
    expect(errnoOf(core.attachSpid(a, x, 101))).toBe("EBUSY");
    expect(errnoOf(core.attachSpid(a, y, 101))).toBe("EEXIST");
    expect(core.attachSpid(b, z, 101)).toEqual(ok(null));
    expect(core.findBySpid(b, 101)).toEqual(ok(z));
    expect(core.inspectId(y)?.spid).toBeNull();
  });

  it("refuses null set (EACCES), another set (EACCES), unknown ID (ENOENT)", () => {
    const x = num(core.alloc(a, 1, MAX, null));
    expect(errnoOf(core.attachSpid(null, x, 5))).toBe("EACCES");
    expect(errnoOf(core.attachSpid(b, x, 5))).toBe("EACCES");
    expect(errnoOf(core.attachSpid(a, x + 1, 5))).toBe("ENOENT");
    expect(errnoOf(core.detachSpid(null, x))).toBe("EACCES");
    expect(errnoOf(core.detachSpid(b, x))).toBe("EACCES");
    expect(core.inspectId(x)?.spid).toBeNull();
  });

  it("a FREE_PENDING ID keeps its SPID in FREE but it neither resolves nor blocks (D13)", () => {
    const r = new Recorder();
    core.registerNotifier(null, r.nb("g", "IOMMU"));
    const x = num(core.alloc(a, 1, MAX, null));
    core.attachSpid(a, x, 101);
    core.get(a, x);
    core.free(a, x);
    expect(r.log).toEqual([{ event: "FREE", id: x, spid: 101, set: a, notifier: "g" }]);
    expect(errnoOf(core.findBySpid(a, 101))).toBe("ENOENT");
    expect(errnoOf(core.attachSpid(a, x, 103))).toBe("ENOENT");
    expect(errnoOf(core.detachSpid(a, x))).toBe("ENOENT");
    const y = num(core.alloc(a, 1, MAX, null));
    expect(core.attachSpid(a, y, 101)).toEqual(ok(null));
    expect(core.findBySpid(a, 101)).toEqual(ok(y));
    core.put(a, x);
    expect(core.inspectId(x)).toBeNull();
    expect(core.findBySpid(a, 101)).toEqual(ok(y));
  });
});
