/**
 * The gallery's scorecard: its format on a real two-variant run (one core variant, one broken
 * driver), and the goal verdicts on made-up rows.
 */
import { describe, expect, it } from "vitest";
import { CORE_MUTANTS } from "../properties/core/mutants/index.js";
import { DRIVER_MUTANTS } from "../properties/system/mutants/index.js";
import type { GalleryRow } from "./run-gallery.js";
import { GALLERY_SEED, runGallery } from "./run-gallery.js";
import { budgetOf, detections, formatScorecard, GOAL_MAX_STEPS, judgeGoals, median, quantile, TABLE_HEADER } from "./scorecard.js";

const pick = <T extends { readonly name: string }>(list: readonly T[], name: string): T => {
  const m = list.find((x) => x.name === name);
  if (m === undefined) throw new Error(`no variant ${name}`);
  return m;
};

const row = (over: Partial<GalleryRow>): GalleryRow => ({
  suite: "core", name: "v", breaks: "b", seed: 1, caught: true, runs: 3, msToFailure: 10, totalMs: 20,
  suiteSteps: 5, shrunkSteps: 4, shrinkMs: 1, shrinkError: null, kind: "outcome", ...over,
});

describe("gallery scorecard", () => {
  it("formats a two-variant run: header, one line per variant, four goals and the verdict", () => {
    const rows = runGallery({
      core: [pick(CORE_MUTANTS, "mm-notifiers-dropped")],
      drivers: [pick(DRIVER_MUTANTS, "iommu-skips-pasid-cache-flush")],
    });
    expect(rows.map((r) => [r.suite, r.name, r.seed, r.caught])).toEqual([
      ["core", "mm-notifiers-dropped", GALLERY_SEED, true],
      ["system", "iommu-skips-pasid-cache-flush", GALLERY_SEED, true],
    ]);
    for (const r of rows) {
      expect(r.runs).toBeGreaterThan(0);
      expect(r.msToFailure ?? Infinity).toBeLessThanOrEqual(r.totalMs);
      expect(r.shrunkSteps ?? Infinity).toBeLessThanOrEqual(r.suiteSteps ?? 0);
    }
    const lines = formatScorecard(rows).split("\n");
    expect(lines[0]?.split(/\s{2,}/)).toEqual([...TABLE_HEADER]);
    expect(lines[1]).toMatch(/^-+( +-+){9}$/);
    expect(lines[2]).toMatch(/^core {4}mm-notifiers-dropped +20261121 {2}yes +\d+ +\d+ +\d+ +\d+ +\d+ {2}(outcome|state)$/);
    expect(lines[3]).toMatch(/^system {2}iommu-skips-pasid-cache-flush +20261121 {2}yes +\d+ +\d+ +\d+ +\d+ +\d+ {2}leak$/);
    expect(lines[4]).toBe("");
    expect(lines[5]).toBe("PASS  all caught: 2/2 caught");
    expect(lines[6]).toMatch(/^(PASS|FAIL) {2}median time to first failure < 500 ms: median \d+ ms over 2 caught runs \(max \d+ ms\)$/);
    expect(lines[7]).toMatch(/^PASS {2}every shrunk trace <= 8 steps: longest \d steps$/);
    expect(lines[8]).toMatch(/^PASS {2}runs to first failure at p95 <= 20% of the budget: worst p95 \d+ \(\d+\.\d%\) \([a-z-]+, 1 seeds\)$/);
    expect(lines[9]).toMatch(/^goals: [34]\/4 PASS$/);
    expect(lines).toHaveLength(10);
  });

  it("judges the goals: a miss, a slow median and a long trace each FAIL with the culprit named", () => {
    const goals = judgeGoals([
      row({ name: "a", msToFailure: 900 }),
      row({ name: "b", msToFailure: 700, shrunkSteps: null, suiteSteps: GOAL_MAX_STEPS + 1 }),
      row({ name: "c", caught: false, msToFailure: null, suiteSteps: null, shrunkSteps: null }),
    ]);
    expect(goals.map((g) => g.pass)).toEqual([false, false, false, false]);
    expect(goals[0]?.measured).toBe("2/3 caught; missed: c@1");
    expect(goals[1]?.measured).toBe("median 800 ms over 2 caught runs (max 900 ms)");
    expect(goals[2]?.measured).toBe("longest 9 steps; over the limit: b@1 (9)");
    expect(goals[3]?.measured).toBe("worst p95 not caught (c, 1 seeds); over the limit: c");
  });

  it("time to detect: p95 of the runs to the first failure per variant over its seeds, against 20% of its suite's budget", () => {
    const budget = budgetOf("system");
    const over = Math.floor(0.2 * budget) + 1;
    const rows = [
      ...Array.from({ length: 20 }, (_, k) => row({ suite: "system", name: "fast", seed: k, runs: 1 + k })),
      ...Array.from({ length: 20 }, (_, k) => row({ suite: "system", name: "slow", seed: k, runs: k < 18 ? 5 : over })),
    ];
    const d = detections(rows);
    expect(d.map((x) => [x.name, x.seeds, x.caught, x.p50, x.p95, x.max])).toEqual([["fast", 20, 20, 10, 19, 20], ["slow", 20, 20, 5, over, over]]);
    const goal = judgeGoals(rows)[3];
    expect(goal?.pass).toBe(false);
    expect(goal?.measured).toBe(`worst p95 ${over} (${((100 * over) / budget).toFixed(1)}%) (slow, 20 seeds); over the limit: slow`);
    expect(judgeGoals(rows.filter((r) => r.name === "fast"))[3]?.pass).toBe(true);
    const text = formatScorecard(rows.filter((r) => r.name === "fast")).split("\n");
    expect(text.some((l) => /^system +fast +20 +20\/20 +10 \(2\.0%\) +19 \(3\.8%\) +20$/.test(l))).toBe(true);
  });

  it("quantiles by nearest rank", () => {
    expect(quantile([5, 1, 4, 2, 3], 0.5)).toBe(3);
    expect(quantile(Array.from({ length: 20 }, (_, k) => k + 1), 0.95)).toBe(19);
    expect(quantile([1, Infinity], 0.95)).toBe(Infinity);
    expect(quantile([], 0.5)).toBeNull();
  });

  it("medians: odd, even, empty", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it("marks a trace shrinkTrace refused, and notes why", () => {
    const text = formatScorecard([row({ shrunkSteps: null, shrinkError: "cannot shrink: it passes" })]);
    expect(text).toContain("note: shrinkTrace refused v@1: cannot shrink: it passes");
    expect(text.split("\n")[2]).toMatch(/ refused {2}outcome$/);
  });
});
