/**
 * Recent: found by identity, at most `size` keys, the oldest forgotten first.
 */
import { describe, expect, it } from "vitest";
import { Recent } from "./recent.js";

describe("Recent", () => {
  it("finds a key by identity only, keeps its last value, and forgets the oldest key past its size", () => {
    const r = new Recent<object, number>(2);
    const a = {};
    const b = {};
    const c = {};
    r.set(a, 1);
    r.set(b, 2);
    r.set(a, 3);
    expect([r.get(a), r.get(b), r.get({})]).toEqual([3, 2, undefined]);
    r.set(c, 4);
    expect([r.get(a), r.get(b), r.get(c)]).toEqual([undefined, 2, 4]);
  });
});
