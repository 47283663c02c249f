/**
 * Run one chunk in this thread. A timed chunk that the budget stopped before `minRuns` runs is
 * run again for exactly `minRuns` runs without a time limit (plan.ts: a budget too small for one
 * run is raised to one run), and says so in `raised`.
 */
import { SUITES } from "../../properties/suites.js";
import type { SuiteResult } from "../../properties/suites.js";
import type { Chunk } from "./plan.js";
import type { ChunkResult } from "./chunk-result.js";

/** Run `c` and report it as a ChunkResult. */
export const runChunk = (c: Chunk): ChunkResult => {
  const suite = SUITES.find((s) => s.name === c.suite);
  if (suite === undefined) throw new Error(`unknown suite ${c.suite}`);
  const base = { runs: c.runs, seed: c.seed, ...(c.path === undefined ? {} : { path: c.path }) };
  const t0 = performance.now();
  let r: SuiteResult = suite.run({ ...base, ...(c.timeMs === undefined ? {} : { timeMs: c.timeMs }) });
  let raised = false;
  if (c.timeMs !== undefined && c.minRuns !== undefined && r.runs < c.minRuns) {
    r = suite.run({ ...base, runs: c.minRuns });
    raised = true;
  }
  return {
    suite: c.suite, index: c.index, seed: c.seed, runs: r.runs, commands: r.commands,
    reached: r.reached.map(([k, n]) => [k, n]),
    failure: r.failure === null ? null : { ...r.failure, commands: [...r.failure.commands] },
    failureText: r.failureText, ms: raised ? performance.now() - t0 : r.ms, timeLimited: c.timeMs !== undefined,
    ...(raised ? { raised } : {}),
  };
};
