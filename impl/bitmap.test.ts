import { describe, expect, it } from "vitest";
import { IdBitmap } from "./bitmap.js";

const MAX = 0xfffff;

describe("IdBitmap", () => {
  it("starts empty with ID 0 reserved", () => {
    const b = new IdBitmap();
    expect(b.count).toBe(0);
    expect(b.has(0)).toBe(true);
    expect(b.lowestFree(1, MAX)).toBe(1);
    b.clear(0);
    expect(b.has(0)).toBe(true);
  });

  it("finds the lowest free ID and respects [min, max]", () => {
    const b = new IdBitmap();
    for (let i = 1; i <= 100; i++) b.set(i);
    expect(b.lowestFree(1, MAX)).toBe(101);
    expect(b.lowestFree(50, 100)).toBe(-1);
    expect(b.lowestFree(50, 101)).toBe(101);
    b.clear(37);
    expect(b.lowestFree(1, MAX)).toBe(37);
    expect(b.lowestFree(38, MAX)).toBe(101);
    expect(b.lowestFree(37, 37)).toBe(37);
    expect(b.count).toBe(99);
  });

  it("handles the boundaries 1 and 0xFFFFF", () => {
    const b = new IdBitmap();
    expect(b.lowestFree(MAX, MAX)).toBe(MAX);
    b.set(MAX);
    expect(b.has(MAX)).toBe(true);
    expect(b.lowestFree(MAX, MAX)).toBe(-1);
    expect(b.lowestFree(MAX - 1, MAX)).toBe(MAX - 1);
    b.set(1);
    expect(b.lowestFree(1, 1)).toBe(-1);
    expect(b.lowestFree(1, 2)).toBe(2);
  });

  it("fills the whole namespace, then finds the single hole anywhere", () => {
    const b = new IdBitmap();
    let mismatches = 0;
    for (let i = 1; i <= MAX; i++) {
      if (b.lowestFree(1, MAX) !== i) mismatches++;
      b.set(i);
    }
    expect(mismatches).toBe(0);
    expect(b.count).toBe(MAX);
    expect(b.lowestFree(1, MAX)).toBe(-1);
    for (const hole of [1, 31, 32, 33, 1023, 1024, 1025, 32767, 32768, 500000, MAX - 32, MAX]) {
      b.clear(hole);
      expect(b.lowestFree(1, MAX)).toBe(hole);
      expect(b.lowestFree(hole, hole)).toBe(hole);
      expect(b.cyclicFree(1, MAX, hole === MAX ? 1 : hole + 1)).toBe(hole);
      if (hole > 1) expect(b.lowestFree(1, hole - 1)).toBe(-1);
      if (hole < MAX) expect(b.lowestFree(hole + 1, MAX)).toBe(-1);
      b.set(hole);
    }
    expect(b.lowestFree(1, MAX)).toBe(-1);
    for (let i = 1; i <= MAX; i++) b.clear(i);
    expect(b.count).toBe(0);
    expect(b.lowestFree(1, MAX)).toBe(1);
    expect(b.lowestFree(MAX, MAX)).toBe(MAX);
  });

  it("cyclic search goes on after `from`, then wraps to min", () => {
    const b = new IdBitmap();
    b.set(1);
    b.set(2);
    expect(b.cyclicFree(1, MAX, 3)).toBe(3);
    b.set(3);
    b.clear(1);
    expect(b.cyclicFree(1, MAX, 4)).toBe(4);
    expect(b.cyclicFree(1, 3, 4)).toBe(1);
    expect(b.cyclicFree(2, 3, 3)).toBe(-1);
    expect(b.cyclicFree(1, 10, 10)).toBe(10);
    b.set(10);
    expect(b.cyclicFree(1, 10, 10)).toBe(1);
    expect(b.cyclicFree(5, 9, 100)).toBe(5);
  });

  it("agrees with a naive model on a random workload", () => {
    const b = new IdBitmap();
    const naive = new Uint8Array(MAX + 1);
    naive[0] = 1;
    let seed = 12345;
    const rnd = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const lowest = (min: number, max: number): number => {
      for (let i = min; i <= max; i++) if (naive[i] === 0) return i;
      return -1;
    };
    const hot = 4096;
    for (let step = 0; step < 20000; step++) {
      const i = 1 + rnd(hot);
      if (rnd(3) === 0) {
        b.clear(i);
        naive[i] = 0;
      } else {
        b.set(i);
        naive[i] = 1;
      }
      if (step % 7 === 0) {
        const min = 1 + rnd(hot);
        const max = Math.min(MAX, min + rnd(hot));
        expect(b.lowestFree(min, max)).toBe(lowest(min, max));
      }
    }
  });
});

describe("IdBitmap level-0 chunks", () => {
  it("gives storage only to chunks that had a bit set, and never for reads or clears", () => {
    const b = new IdBitmap();
    expect(b.chunkCount).toBe(1); // chunk 0 holds ID 0
    expect(b.has(MAX)).toBe(false);
    expect(b.lowestFree(MAX - 5, MAX)).toBe(MAX - 5);
    expect(b.cyclicFree(1, MAX, 500000)).toBe(500000);
    b.clear(MAX);
    b.clear(700000);
    expect(b.chunkCount).toBe(1);
    b.set(MAX);
    expect(b.chunkCount).toBe(2);
    b.set(MAX - 1);
    b.set(MAX - 1023); // same chunk (0xFFC00..0xFFFFF)
    expect(b.chunkCount).toBe(2);
    b.set(MAX - 1024); // previous chunk
    expect(b.chunkCount).toBe(3);
    for (const i of [MAX, MAX - 1, MAX - 1023, MAX - 1024]) b.clear(i);
    expect(b.count).toBe(0);
    expect(b.chunkCount).toBe(3); // kept
    expect(b.lowestFree(MAX - 1024, MAX)).toBe(MAX - 1024);
  });

  it("keeps every bit when chunks arrive out of order and the pool grows", () => {
    const b = new IdBitmap();
    const set = new Set<number>();
    // Chunks in a scrambled order (odd multiplier mod 1024 is a permutation), 3 IDs in each.
    for (let k = 0; k < 1024; k++) {
      const c = (k * 389) & 1023;
      for (const off of [0, 513, 1023]) {
        const id = c * 1024 + off;
        if (id === 0) continue;
        b.set(id);
        set.add(id);
      }
    }
    expect(b.chunkCount).toBe(1024);
    expect(b.count).toBe(set.size);
    let wrong = 0;
    for (let i = 1; i <= MAX; i++) if (b.has(i) !== set.has(i)) wrong++;
    expect(wrong).toBe(0);
    expect(b.lowestFree(1023, MAX)).toBe(1024 + 1);
    expect(b.lowestFree(MAX, MAX)).toBe(-1);
    expect(b.lowestFree(MAX - 1, MAX)).toBe(MAX - 1);
  });

  it("finds full chunks' successors across chunk boundaries", () => {
    const b = new IdBitmap();
    // Fill chunks 1 and 2 (IDs 1024..3071) completely, and chunk 5 too.
    for (let i = 1024; i < 3072; i++) b.set(i);
    for (let i = 5 * 1024; i < 6 * 1024; i++) b.set(i);
    expect(b.lowestFree(1024, MAX)).toBe(3072);
    expect(b.lowestFree(5 * 1024, MAX)).toBe(6 * 1024);
    expect(b.lowestFree(1024, 3071)).toBe(-1);
    expect(b.cyclicFree(1024, 3071, 2000)).toBe(-1);
    expect(b.cyclicFree(1024, 3072, 2000)).toBe(3072);
    b.clear(2047);
    expect(b.lowestFree(1024, MAX)).toBe(2047);
    expect(b.cyclicFree(1024, 3071, 2048)).toBe(2047);
  });

  it("agrees with a naive model on IDs scattered over the whole namespace", () => {
    const b = new IdBitmap();
    const naive = new Uint8Array(MAX + 1);
    naive[0] = 1;
    let seed = 99991;
    const rnd = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const lowest = (min: number, max: number): number => {
      for (let i = min; i <= max; i++) if (naive[i] === 0) return i;
      return -1;
    };
    // 64 hot spots spread over the namespace, each 64 IDs wide, so chunks fill and empty.
    const spots = Array.from({ length: 64 }, () => 1 + rnd(MAX - 64));
    for (let step = 0; step < 30000; step++) {
      const i = (spots[rnd(spots.length)] ?? 1) + rnd(64);
      if (rnd(3) === 0) {
        b.clear(i);
        naive[i] = 0;
      } else {
        b.set(i);
        naive[i] = 1;
      }
      if (step % 11 === 0) {
        const min = (spots[rnd(spots.length)] ?? 1) + rnd(64);
        const max = Math.min(MAX, min + rnd(200));
        expect(b.lowestFree(min, max)).toBe(lowest(min, max));
        expect(b.has(i)).toBe(naive[i] === 1);
      }
    }
  });
});
