/**
 * sameRecord answers exactly what comparing the JSON texts answers.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sameRecord } from "./same-record.js";

const json = (v: unknown): string | undefined => JSON.stringify(v);

describe("sameRecord", () => {
  it("agrees with the JSON texts' comparison on related and unrelated values", () => {
    const value = fc.anything({ maxDepth: 3, withNullPrototype: true, withBoxedValues: true, withMap: true, withSet: true, withDate: true, withSparseArray: true });
    fc.assert(fc.property(value, value, (a, b) => {
      expect(sameRecord(a, b)).toBe(json(a) === json(b));
      expect(sameRecord(a, structuredClone(a))).toBe(true);
    }), { numRuns: 2000, seed: 5 });
  });

  it("judges step records as their texts do (key order, undefined fields, NaN)", () => {
    const dma = { kind: "dma", issuer: { kind: "guest", vm: 1, guestMm: null }, pasid: 3, resolution: { kind: "translated", via: "walk" } };
    expect(sameRecord(dma, { ...dma, issuer: { ...dma.issuer } })).toBe(true);
    expect(sameRecord(dma, { ...dma, pasid: 4 })).toBe(false);
    expect(sameRecord({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
    expect(sameRecord({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameRecord({ n: Number.NaN }, { n: null })).toBe(true);
  });
});
