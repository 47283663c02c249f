/**
 * Run one chunk in this thread.
 */
import { SUITES } from "../../properties/suites.js";
import type { Chunk } from "./plan.js";
import type { ChunkResult } from "./chunk-result.js";

/** Run `c` and report it as a ChunkResult. */
export const runChunk = (c: Chunk): ChunkResult => {
  const suite = SUITES.find((s) => s.name === c.suite);
  if (suite === undefined) throw new Error(`unknown suite ${c.suite}`);
  const r = suite.run({ runs: c.runs, seed: c.seed, ...(c.timeMs === undefined ? {} : { timeMs: c.timeMs }), ...(c.path === undefined ? {} : { path: c.path }) });
  return {
    suite: c.suite, index: c.index, seed: c.seed, runs: r.runs, commands: r.commands,
    reached: r.reached.map(([k, n]) => [k, n]),
    failure: r.failure === null ? null : { ...r.failure, commands: [...r.failure.commands] },
    failureText: r.failureText, ms: r.ms, timeLimited: c.timeMs !== undefined,
  };
};
