/**
 * The small parts: candidate numbers, state keys, ddmin on plain lists, failure classes.
 */
import { describe, expect, it } from "vitest";
import { sizeOf, smallerValues } from "./numbers.js";
import { stateKey } from "./state-key.js";
import { ddmin, oneByOne } from "./ddmin.js";
import { failureClassOf, keepsClass } from "./failure-class.js";
import type { ReplayResult } from "../replay.js";

describe("smallerValues", () => {
  it("gives strictly smaller values, smallest first", () => {
    const xs = smallerValues(0x7777, 1);
    expect(xs.slice(0, 4)).toEqual([1, 2, 3, 4]);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    expect(xs.every((x) => x < 0x7777)).toBe(true);
    expect(smallerValues(1, 1)).toEqual([]);
  });
  it("treats odd values as larger than any integer from the floor", () => {
    expect(sizeOf(-1, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(smallerValues(1.5, 1)).toEqual([1, 2, 3, 4]);
  });
});

describe("stateKey", () => {
  it("is equal for equal states and differs otherwise", () => {
    const a = { m: new Map([[1, { x: 1, y: [2] }]]), s: new Set(["a"]) };
    const b = { s: new Set(["a"]), m: new Map([[1, { y: [2], x: 1 }]]) };
    expect(stateKey(a)).toBe(stateKey(b));
    expect(stateKey(a)).not.toBe(stateKey({ ...a, m: new Map([[1, { x: 2, y: [2] }]]) }));
  });
  it("terminates on cycles, skips functions and hashes typed arrays", () => {
    const node: { self?: unknown; f: () => number; t: Int32Array } = { f: () => 1, t: new Int32Array(4) };
    node.self = node;
    const k = stateKey(node);
    expect(k).toContain("self=@0");
    const other = { ...node, t: Int32Array.from([0, 0, 1, 0]) };
    expect(stateKey(other)).not.toBe(k);
  });
});

describe("ddmin on lists", () => {
  const needs = (xs: readonly number[]) => xs.includes(3) && xs.includes(11);
  it("keeps exactly the needed elements", () => {
    const all = Array.from({ length: 16 }, (_, i) => i);
    expect(oneByOne(ddmin(all, needs), needs)).toEqual([3, 11]);
  });
});

describe("failure classes", () => {
  it("has a class only for a real failure, and keeps it whatever the failing step", () => {
    const fail: ReplayResult = { status: "fail", step: 2, kind: "state", detail: 'ID 3: spec has {"refs":1}, the core has null', values: [], suite: "core", op: "free" };
    expect(failureClassOf({ ...fail, status: "pass" })).toBeNull();
    expect(failureClassOf({ ...fail, kind: "input" })).toBeNull();
    const cls = failureClassOf(fail);
    expect(cls).toEqual({ kind: "state", at: "free", part: "ID: missing in the core" });
    if (cls !== null) {
      expect(keepsClass(cls, { ...fail, step: 0, detail: 'ID 1: spec has {"refs":2}, the core has null' })).toBe(true);
      expect(keepsClass(cls, { ...fail, kind: "outcome" })).toBe(false);
      expect(keepsClass(cls, { ...fail, op: "set_put" })).toBe(false);
    }
  });
});
