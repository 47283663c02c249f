/** Structure of the benchmark's output (no assertion on times: they depend on the machine). */
import { describe, expect, it } from "vitest";
import { NOTES, formatRows, runImplBench } from "./impl-throughput.js";

describe("runImplBench", () => {
  it("produces one row per case and size, plus the fill row, with positive figures", () => {
    const rows = runImplBench({ sizes: [64, 300], opsPerRound: 2000, rounds: 1, fill: true });
    expect(rows.map((r) => `${r.name}@${r.size}`)).toEqual([
      "alloc+free@64", "alloc+free@64", "get+put@64", "find@64", "findBySpid+put@64",
      "alloc+free@300", "alloc+free@300", "get+put@300", "find@300", "findBySpid+put@300",
      "fill+free all IDs@1048575",
    ]);
    for (const r of rows) {
      expect(r.impl).toBeGreaterThan(0);
      expect(r.floor).toBeGreaterThan(0);
      expect(r.ratio).toBeCloseTo(r.impl / r.floor, 10);
    }
    const text = formatRows(rows);
    expect(text.split("\n").length).toBe(rows.length + 1 + NOTES.length);
    expect(text).toContain("impl/floor");
    // Pairs (two core calls) are compared with two Map operations; find with one.
    const floorOf = (name: string): string => rows.find((r) => r.name === name)?.note ?? "";
    expect(floorOf("get+put")).toContain("2 ops");
    expect(floorOf("findBySpid+put")).toContain("2 ops");
    expect(floorOf("find")).toContain("1 op");
    expect(text).toContain("tombstone");
  });
});
