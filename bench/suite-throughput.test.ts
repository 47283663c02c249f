/** Structure of the suite benchmarks' output (no assertion on times: they depend on the machine). */
import { describe, expect, it } from "vitest";
import { formatSpread, formatSuiteRows, runSuiteBench, spread } from "./suite-throughput.js";
import { formatSystemRows, runSystemBench } from "./system-throughput.js";

describe("suite benchmarks", () => {
  it("measure rounds of the suite beside the trivial model, with the ratio's spread", () => {
    const rounds = runSuiteBench(20, 20, 2);
    expect(rounds).toHaveLength(2);
    for (const r of rounds) {
      expect(r.suite.commands).toBeGreaterThan(0);
      expect(r.trivial.commands).toBeGreaterThan(0);
      expect(r.ratio).toBeGreaterThan(0);
    }
    expect(formatSuiteRows(rounds)).toMatch(/fast-check's own \(CPU time\): median [\d.]+x \(min [\d.]+x, max [\d.]+x, 2 rounds\); goal <= 10x$/);
    const sys = runSystemBench(5, 1);
    expect(formatSystemRows(sys)).toMatch(/goal <= 60x$/);
  });

  it("spreads take the median of odd and even counts", () => {
    expect(spread([3, 1, 2])).toEqual({ min: 1, median: 2, max: 3 });
    expect(spread([4, 1, 2, 3])).toEqual({ min: 1, median: 2.5, max: 4 });
    expect(formatSpread([2, 4])).toBe("median 3.0x (min 2.0x, max 4.0x, 2 rounds)");
  });
});
