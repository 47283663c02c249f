/**
 * Planning a run as chunks. Each suite's budget is split into CHUNKS pieces with seeds derived
 * from the run's seed, whatever the number of workers: the same seed gives the same result with
 * one worker or many. A shard k/n takes the chunks whose index is k-1 modulo n, so merging the n
 * shards of a run gives the result of the unsharded run (for n <= CHUNKS).
 */
import type { Suite } from "../../properties/suites.js";

/** Chunks per suite. */
export const CHUNKS = 8;

/** One unit of work. */
export interface Chunk {
  readonly suite: string;
  readonly index: number;
  readonly runs: number;
  readonly seed: number;
  readonly timeMs?: number;
  readonly path?: string;
}

/** The seed of chunk `i` of a run seeded `seed`. */
export const chunkSeed = (seed: number, i: number): number => (Math.imul(i + 1, 0x9e3779b1) ^ seed) | 0;

/** What to run. */
export interface RunPlanInput {
  readonly suites: readonly Suite[];
  readonly runs?: number;
  readonly seed: number;
  readonly timeMs?: number;
  /** 1-based shard index and shard count. */
  readonly shard?: { readonly k: number; readonly n: number };
  /** Replay one case of one suite: a single chunk with the given seed and path. */
  readonly path?: string;
}

/** The chunks of a run. */
export const planChunks = (p: RunPlanInput): readonly Chunk[] => {
  const chunks: Chunk[] = [];
  for (const suite of p.suites) {
    if (p.path !== undefined) {
      chunks.push({ suite: suite.name, index: 0, runs: p.runs ?? suite.defaultRuns, seed: p.seed, path: p.path });
      continue;
    }
    const total = p.runs ?? suite.defaultRuns;
    const count = Math.max(1, Math.min(CHUNKS, total));
    for (let i = 0; i < count; i++) {
      const runs = Math.floor(total / count) + (i < total % count ? 1 : 0);
      const timeMs = p.timeMs === undefined ? undefined : p.timeMs / count;
      chunks.push({ suite: suite.name, index: i, runs, seed: chunkSeed(p.seed, i), ...(timeMs === undefined ? {} : { timeMs }) });
    }
  }
  return p.shard === undefined ? chunks : chunks.filter((c) => c.index % (p.shard?.n ?? 1) === (p.shard?.k ?? 1) - 1);
};
