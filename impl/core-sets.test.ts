import { describe, expect, it } from "vitest";
import { ok } from "../api/result.js";
import { ImplCore } from "./core.js";
import { Recorder, errnoOf, num } from "./test-support.js";

const MAX = 0xfffff;

describe("allocSet / adjustSet", () => {
  it("returns distinct positive handles, never reused", () => {
    const c = new ImplCore();
    const s1 = num(c.allocSet({ type: "null", value: 0 }, 1));
    const s2 = num(c.allocSet({ type: "null", value: 0 }, 1));
    expect(s1).toBeGreaterThan(0);
    expect(s2).not.toBe(s1);
    c.setPut(s1);
    expect(c.inspectSet(s1)).toBeNull();
    const s3 = num(c.allocSet({ type: "null", value: 0 }, 1));
    expect([s1, s2]).not.toContain(s3);
    expect(errnoOf(c.setGet(s1))).toBe("EINVAL");
  });

  it("MM tokens are unique among live and dying sets, released at destroy; NULL tokens are not", () => {
    const c = new ImplCore();
    const m = num(c.allocSet({ type: "mm", mm: 42 }, 4));
    expect(errnoOf(c.allocSet({ type: "mm", mm: 42 }, 1))).toBe("EEXIST");
    expect(c.allocSet({ type: "null", value: 42 }, 1).ok).toBe(true);
    const id = num(c.alloc(m, 1, MAX, null));
    c.get(m, id);
    c.setPut(m);
    expect(c.inspectSet(m)?.dying).toBe(true);
    expect(errnoOf(c.allocSet({ type: "mm", mm: 42 }, 1))).toBe("EEXIST");
    c.put(m, id);
    expect(c.inspectSet(m)).toBeNull();
    expect(c.allocSet({ type: "mm", mm: 42 }, 1).ok).toBe(true);
  });

  it("quotas are reserved from the capacity (ENOSPC) and returned at destroy", () => {
    const c = new ImplCore({ capacity: 10 });
    const s1 = num(c.allocSet({ type: "null", value: 1 }, 6));
    expect(errnoOf(c.allocSet({ type: "null", value: 1 }, 5))).toBe("ENOSPC");
    expect(errnoOf(c.allocSet({ type: "mm", mm: 3 }, 5))).toBe("ENOSPC");
    const s2 = num(c.allocSet({ type: "null", value: 1 }, 4));
    expect(c.stats().quotaSum).toBe(10);
    expect(errnoOf(c.adjustSet(s2, 5))).toBe("ENOSPC");
    expect(c.adjustSet(s1, 2)).toEqual(ok(null));
    expect(c.adjustSet(s2, 8)).toEqual(ok(null));
    expect(c.stats().quotaSum).toBe(10);
    c.setPut(s2);
    expect(c.stats().quotaSum).toBe(2);
    expect(c.allocSet({ type: "null", value: 1 }, 8).ok).toBe(true);
  });

  it("MM token conflict (EEXIST) is checked before capacity (ENOSPC)", () => {
    const c = new ImplCore({ capacity: 3 });
    c.allocSet({ type: "mm", mm: 5 }, 3);
    expect(errnoOf(c.allocSet({ type: "mm", mm: 5 }, 3))).toBe("EEXIST");
  });

  it("adjustSet never goes below the IDs held, FREE_PENDING included (EBUSY)", () => {
    const c = new ImplCore();
    const s = num(c.allocSet({ type: "null", value: 1 }, 5));
    const x = num(c.alloc(s, 1, MAX, null));
    num(c.alloc(s, 1, MAX, null));
    c.get(s, x);
    c.free(s, x);
    expect(errnoOf(c.adjustSet(s, 1))).toBe("EBUSY");
    expect(c.adjustSet(s, 2)).toEqual(ok(null));
    expect(errnoOf(c.alloc(s, 1, MAX, null))).toBe("EDQUOT");
    expect(c.inspectSet(s)?.quota).toBe(2);
  });
});

describe("set references and teardown", () => {
  it("setGet / setPut count references; the last put destroys an empty set at once", () => {
    const c = new ImplCore();
    const s = num(c.allocSet({ type: "null", value: 1 }, 5));
    expect(c.setGet(s)).toEqual(ok(null));
    expect(c.inspectSet(s)?.refs).toBe(2);
    expect(c.setPut(s)).toEqual(ok(null));
    expect(c.inspectSet(s)?.refs).toBe(1);
    expect(c.setPut(s)).toEqual(ok(null));
    expect(c.inspectSet(s)).toBeNull();
    expect(c.stats()).toMatchObject({ sets: 0, quotaSum: 0 });
    expect(errnoOf(c.setPut(s))).toBe("EINVAL");
  });

  it("the last setPut frees every ALLOCATED ID ascending, each with FREE (D20)", () => {
    const c = new ImplCore();
    const r = new Recorder();
    c.registerNotifier(null, r.nb("g", "IOMMU"));
    const s = num(c.allocSet({ type: "null", value: 1 }, 10));
    const other = num(c.allocSet({ type: "null", value: 2 }, 10));
    num(c.alloc(other, 1, 1, null));
    const ids = [5, 3, 9].map((lo) => num(c.alloc(s, lo, MAX, null)));
    expect(ids).toEqual([5, 3, 9]);
    const pend = num(c.alloc(s, 20, 20, null));
    c.get(s, pend);
    c.free(s, pend);
    r.clear();
    c.get(null, 5);
    c.setPut(s);
    expect(r.lines()).toEqual(["FREE:g:3", "FREE:g:5", "FREE:g:9"]);
    expect(c.inspectSet(s)).toMatchObject({ dying: true, held: 2 });
    expect(c.inspectId(3)).toBeNull();
    expect(c.inspectId(5)).toMatchObject({ state: "FREE_PENDING", refs: 1 });
    expect(c.forEachIoasid(other)).toEqual(ok([1]));
  });

  it("a dying set refuses set-level calls with ENOENT but its IDs follow the per-ID rules", () => {
    const c = new ImplCore();
    const s = num(c.allocSet({ type: "mm", mm: 9 }, 10));
    const x = num(c.alloc(s, 1, MAX, "dx"));
    c.get(s, x);
    c.get(s, x);
    c.setPut(s);
    expect(c.inspectId(x)).toMatchObject({ state: "FREE_PENDING", refs: 2 });
    expect(errnoOf(c.setGet(s))).toBe("ENOENT");
    expect(errnoOf(c.setPut(s))).toBe("ENOENT");
    expect(errnoOf(c.alloc(s, 1, MAX, null))).toBe("ENOENT");
    expect(errnoOf(c.adjustSet(s, 20))).toBe("ENOENT");
    expect(errnoOf(c.forEachIoasid(s))).toBe("ENOENT");
    expect(errnoOf(c.registerNotifier(s, { name: "n", priority: "CPU", handler: () => undefined }))).toBe("ENOENT");
    expect(c.free(s, x)).toEqual(ok(null));
    expect(errnoOf(c.get(s, x))).toBe("ENOENT");
    expect(errnoOf(c.find(s, x, "none"))).toBe("ENOENT");
    expect(errnoOf(c.findBySpid(s, 1))).toBe("ENOENT");
    expect(c.put(s, x)).toEqual(ok(null));
    expect(c.inspectSet(s)).toMatchObject({ dying: true, held: 1 });
    expect(c.put(null, x)).toEqual(ok(null));
    expect(c.inspectSet(s)).toBeNull();
    expect(c.stats()).toMatchObject({ ids: 0, sets: 0, quotaSum: 0 });
    expect(errnoOf(c.put(s, x))).toBe("EINVAL");
  });

  it("forEachIoasid lists ALLOCATED IDs ascending, not FREE_PENDING ones", () => {
    const c = new ImplCore();
    const s = num(c.allocSet({ type: "null", value: 1 }, 100));
    for (const lo of [50, 2, 70, 1, 30]) c.alloc(s, lo, MAX, null);
    c.get(s, 30);
    c.free(s, 30);
    c.free(s, 2);
    expect(c.forEachIoasid(s)).toEqual(ok([1, 50, 70]));
  });
});
