import { describe, expect, it } from "vitest";
import type { AllocatorOps, IoasidCore } from "../api/core.js";
import { INVALID_IOASID } from "../api/constants.js";
import { ok } from "../api/result.js";
import { ImplCore } from "./core.js";
import { errnoOf, num } from "./test-support.js";

const MAX = 0xfffff;

/** A vcmd-like allocator handing out from `base` upwards, recording its calls. */
const vcmd = (base: number) => {
  const calls: string[] = [];
  const used = new Set<number>();
  const alloc = (min: number, max: number): number => {
    calls.push(`alloc(${min},${max})`);
    for (let i = Math.max(base, min); i <= max; i++) {
      if (!used.has(i)) {
        used.add(i);
        return i;
      }
    }
    return INVALID_IOASID;
  };
  const free = (id: number): void => {
    calls.push(`free(${id})`);
    used.delete(id);
  };
  return { calls, alloc, free, ops: (name: string): AllocatorOps => ({ name, alloc, free }) };
};

describe("custom allocators (D28, D29)", () => {
  it("the first registered allocator is active; reclaim hands the number back", () => {
    const c = new ImplCore();
    const v = vcmd(500);
    expect(c.registerAllocator(v.ops("vcmd"))).toEqual(ok(null));
    const s = num(c.allocSet({ type: "null", value: 1 }, 5));
    expect(c.alloc(s, 1, MAX, null)).toEqual(ok(500));
    expect(c.alloc(s, 1, MAX, null)).toEqual(ok(501));
    c.free(s, 500);
    expect(v.calls).toEqual([`alloc(1,${MAX})`, `alloc(1,${MAX})`, "free(500)"]);
    expect(c.alloc(s, 1, MAX, null)).toEqual(ok(500));
  });

  it("EAGAIN while the default allocator has IDs (allocated or pending); EEXIST for a registered name", () => {
    const c = new ImplCore();
    const s = num(c.allocSet({ type: "null", value: 1 }, 5));
    const id = num(c.alloc(s, 1, MAX, null));
    const v = vcmd(10);
    expect(errnoOf(c.registerAllocator(v.ops("a")))).toBe("EAGAIN");
    c.get(s, id);
    c.free(s, id);
    expect(errnoOf(c.registerAllocator(v.ops("a")))).toBe("EAGAIN");
    c.put(s, id);
    expect(c.registerAllocator(v.ops("a"))).toEqual(ok(null));
    expect(errnoOf(c.registerAllocator(v.ops("a")))).toBe("EEXIST");
    expect(errnoOf(c.registerAllocator(vcmd(20).ops("a")))).toBe("EEXIST");
  });

  it("ops with the same functions share a space; the last sharer with IDs cannot go (EBUSY)", () => {
    const c = new ImplCore();
    const v = vcmd(100);
    const w = vcmd(200);
    c.registerAllocator(v.ops("v1"));
    c.registerAllocator(w.ops("w"));
    c.registerAllocator(v.ops("v2"));
    const s = num(c.allocSet({ type: "null", value: 1 }, 5));
    const id = num(c.alloc(s, 1, MAX, null));
    expect(id).toBe(100);
    expect(c.unregisterAllocator("v1")).toEqual(ok(null));
    expect(c.alloc(s, 1, MAX, null)).toEqual(ok(101));
    expect(errnoOf(c.unregisterAllocator("v2"))).toBe("EBUSY");
    expect(errnoOf(c.unregisterAllocator("v1"))).toBe("ENOENT");
    c.free(s, 100);
    c.free(s, 101);
    expect(c.unregisterAllocator("v2")).toEqual(ok(null));
    expect(c.alloc(s, 1, MAX, null)).toEqual(ok(200));
    c.free(s, 200);
    expect(c.unregisterAllocator("w")).toEqual(ok(null));
    expect(c.alloc(s, 1, MAX, null)).toEqual(ok(1));
    expect(errnoOf(c.unregisterAllocator("w"))).toBe("ENOENT");
  });

  it("never trusts an answer: INVALID, out of range, fractional, NaN or a throw -> ENOSPC", () => {
    const answers: readonly (() => number)[] = [
      () => INVALID_IOASID, () => 0, () => -3, () => 9, () => 51, () => 12.5, () => NaN, () => MAX + 1,
      () => { throw new Error("vcmd down"); },
    ];
    for (const answer of answers) {
      const c = new ImplCore();
      const freed: number[] = [];
      c.registerAllocator({ name: "bad", alloc: answer, free: (id) => freed.push(id) });
      const s = num(c.allocSet({ type: "null", value: 1 }, 5));
      const before = JSON.stringify([c.stats(), c.inspectSet(s)]);
      expect(errnoOf(c.alloc(s, 10, 50, null))).toBe("ENOSPC");
      expect(JSON.stringify([c.stats(), c.inspectSet(s)])).toBe(before);
      expect(freed).toEqual([]);
      expect(c.unregisterAllocator("bad")).toEqual(ok(null));
      expect(c.alloc(s, 10, 50, null)).toEqual(ok(10));
    }
  });

  it("an answer naming an ID that exists is refused (ENOSPC)", () => {
    const c = new ImplCore();
    let next = 7;
    c.registerAllocator({ name: "dup", alloc: () => next, free: () => undefined });
    const s = num(c.allocSet({ type: "null", value: 1 }, 5));
    expect(c.alloc(s, 1, MAX, null)).toEqual(ok(7));
    expect(errnoOf(c.alloc(s, 1, MAX, null))).toBe("ENOSPC");
    next = 8;
    expect(c.alloc(s, 1, MAX, null)).toEqual(ok(8));
    expect(c.forEachIoasid(s)).toEqual(ok([7, 8]));
  });

  it("calls made from inside an allocator callout answer EDEADLK", () => {
    const c: IoasidCore = new ImplCore();
    const inside: string[] = [];
    const s = num(c.allocSet({ type: "null", value: 1 }, 5));
    c.registerAllocator({
      name: "re",
      alloc: () => {
        inside.push(errnoOf(c.forEachIoasid(s)), errnoOf(c.setGetLocked(s)), errnoOf(c.alloc(s, 1, MAX, null)));
        return 3;
      },
      free: (id) => {
        inside.push(`free(${id})`, errnoOf(c.getLocked(null, id)));
      },
    });
    expect(c.alloc(s, 1, MAX, null)).toEqual(ok(3));
    c.free(s, 3);
    expect(inside).toEqual(["EDEADLK", "EDEADLK", "EDEADLK", "free(3)", "EDEADLK"]);
    expect(c.forEachIoasid(s)).toEqual(ok([]));
  });
});
