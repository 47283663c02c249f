/**
 * A time budget too small for one run: a time-limited chunk that completed no run is run again
 * for exactly one run without the limit, so a run never reports on nothing (and a budget that
 * ends before the first run is never a counterexample). The caller says so.
 */
import type { Chunk } from "./plan.js";
import type { ChunkResult } from "./chunk-result.js";
import { executeChunks } from "./execute.js";
import type { Progress } from "./progress.js";

const SILENT: Progress = { chunkDone: () => undefined, finish: () => undefined };

/** The results with every empty time-limited chunk replaced by a one-run chunk; and how many were. */
export const atLeastOneRun = async (chunks: readonly Chunk[], results: readonly ChunkResult[]): Promise<{ readonly results: readonly ChunkResult[]; readonly raised: readonly string[] }> => {
  const empty = chunks.filter((c) => c.timeMs !== undefined && results.some((r) => r.suite === c.suite && r.index === c.index && r.runs === 0));
  if (empty.length === 0) return { results, raised: [] };
  const again = await executeChunks(empty.map((c) => ({ suite: c.suite, index: c.index, seed: c.seed, runs: 1 })), 1, SILENT);
  const replaced = results.map((r) => again.find((a) => a.suite === r.suite && a.index === r.index) ?? r);
  return { results: replaced, raised: [...new Set(empty.map((c) => c.suite))] };
};
