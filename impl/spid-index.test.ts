import { describe, expect, it } from "vitest";
import { SpidIndex } from "./spid-index.js";

describe("SpidIndex", () => {
  it("maps, overwrites, deletes; empty answers 0", () => {
    const x = new SpidIndex();
    expect(x.get(5)).toBe(0);
    x.delete(5);
    expect(x.size).toBe(0);
    x.set(1, 10);
    x.set(0xfffff, 20);
    x.set(1024, 30);
    expect([x.get(1), x.get(0xfffff), x.get(1024), x.get(1023), x.get(2)]).toEqual([10, 20, 30, 0, 0]);
    expect(x.size).toBe(3);
    x.set(1, 11);
    expect(x.size).toBe(3);
    expect(x.get(1)).toBe(11);
    x.delete(1);
    x.delete(1);
    expect(x.has(1)).toBe(false);
    expect(x.size).toBe(2);
    x.delete(1024);
    expect(x.get(1024)).toBe(0);
    x.set(1025, 40);
    expect(x.get(1025)).toBe(40);
    x.clear();
    expect([x.size, x.get(0xfffff), x.get(1025)]).toEqual([0, 0, 0]);
  });

  it("agrees with a Map on a random workload", () => {
    const x = new SpidIndex();
    const m = new Map<number, number>();
    let s = 7;
    const rnd = (n: number): number => {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      return (s >>> 0) % n;
    };
    let bad = 0;
    for (let i = 0; i < 50000; i++) {
      const k = 1 + rnd(5000) * (rnd(2) === 0 ? 1 : 200);
      if (k > 0xfffff) continue;
      if (rnd(3) === 0) {
        x.delete(k);
        m.delete(k);
      } else {
        x.set(k, i + 1);
        m.set(k, i + 1);
      }
      if (x.get(k) !== (m.get(k) ?? 0) || x.size !== m.size) bad++;
    }
    expect(bad).toBe(0);
    for (const [k, v] of m) expect(x.get(k)).toBe(v);
  });
});
