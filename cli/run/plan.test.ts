/**
 * Planning: time budgets give one unbounded chunk per thread (or per shard and thread), a timed
 * chunk has a minimum of one run, and the default worker count follows the budget.
 */
import { describe, expect, it } from "vitest";
import { SUITES } from "../../properties/suites.js";
import { CHUNKS, defaultWorkers, MIN_TIMED_RUNS, planChunks, UNBOUNDED_RUNS } from "./plan.js";
import { runChunk } from "./run-chunk.js";

const core = SUITES.filter((s) => s.name === "core");

describe("planChunks", () => {
  it("splits a run budget into CHUNKS chunks whatever the worker count", () => {
    const one = planChunks({ suites: core, seed: 1, runs: 80 });
    expect(planChunks({ suites: core, seed: 1, runs: 80, workers: 3 })).toEqual(one);
    expect(one).toHaveLength(CHUNKS);
    expect(one.reduce((a, c) => a + c.runs, 0)).toBe(80);
  });

  it("gives a time budget one chunk per thread, not capped by the default run count", () => {
    const chunks = planChunks({ suites: core, seed: 1, timeMs: 10_000, workers: 2 });
    expect(chunks.map((c) => [c.index, c.runs, c.timeMs, c.minRuns])).toEqual([
      [0, UNBOUNDED_RUNS, 10_000, MIN_TIMED_RUNS], [1, UNBOUNDED_RUNS, 10_000, MIN_TIMED_RUNS],
    ]);
  });

  it("gives each shard of a timed run its own lanes, with distinct indices and seeds", () => {
    const a = planChunks({ suites: core, seed: 1, timeMs: 1000, workers: 2, shard: { k: 1, n: 2 } });
    const b = planChunks({ suites: core, seed: 1, timeMs: 1000, workers: 2, shard: { k: 2, n: 2 } });
    expect(a.map((c) => c.index)).toEqual([0, 2]);
    expect(b.map((c) => c.index)).toEqual([1, 3]);
    expect(new Set([...a, ...b].map((c) => c.seed)).size).toBe(4);
  });
});

describe("runChunk", () => {
  it("raises a time budget too small for one run to one run", () => {
    const r = runChunk({ suite: "core", index: 0, runs: UNBOUNDED_RUNS, seed: 4, timeMs: 0, minRuns: 1 });
    expect(r.runs).toBe(1);
    expect(r.raised).toBe(true);
    expect(r.failure).toBeNull();
  });
});

describe("defaultWorkers", () => {
  it("uses one thread for the default budget, a replay, a short time budget or one core", () => {
    expect(defaultWorkers({ suites: SUITES, cpus: 8 })).toBe(1);
    expect(defaultWorkers({ suites: SUITES, runs: 3000, cpus: 8, path: "1:2" })).toBe(1);
    expect(defaultWorkers({ suites: SUITES, timeMs: 1000, cpus: 8 })).toBe(1);
    expect(defaultWorkers({ suites: SUITES, timeMs: 60_000, cpus: 1 })).toBe(1);
  });

  it("uses the spare cores for a long time budget or a big run budget", () => {
    expect(defaultWorkers({ suites: SUITES, timeMs: 60_000, cpus: 2 })).toBe(2);
    expect(defaultWorkers({ suites: core, runs: 100_000, cpus: 4 })).toBe(4);
    expect(defaultWorkers({ suites: core, runs: 100_000, cpus: 64 })).toBe(CHUNKS);
  });
});
