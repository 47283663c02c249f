/**
 * Planning a run as chunks. Each suite's budget is split into CHUNKS pieces with seeds derived
 * from the run's seed, whatever the number of workers: the same seed gives the same result with
 * one worker or many. A shard k/n takes the chunks whose index is k-1 modulo n, so merging the n
 * shards of a run gives the result of the unsharded run (for n <= CHUNKS).
 *
 * A time budget (--time) is per suite and is wall-clock time: the suite gets one chunk per
 * thread ("lane"), each running until the budget is spent (no run-count cap unless --runs gives
 * one), so N threads or N shards do N times the work in the same time. A timed chunk always
 * completes MIN_TIMED_RUNS runs: a budget too small for one run is raised to one run (the chunk
 * result says so in `raised`).
 *
 * Rules decided here and nowhere else: the chunking, the seeds, the time budget of a chunk, the
 * minimum of a timed chunk, and the worker count when --workers is not given.
 */
import type { Suite } from "../../properties/suites.js";

/** Chunks per suite. */
export const CHUNKS = 8;

/** The run count of a time-limited chunk that --runs does not cap: fast-check's bound, never reached in time. */
export const UNBOUNDED_RUNS = 2 ** 31 - 1;

/** Runs a time-limited chunk always completes, however small its budget. */
export const MIN_TIMED_RUNS = 1;

/** One unit of work. */
export interface Chunk {
  readonly suite: string;
  readonly index: number;
  readonly runs: number;
  readonly seed: number;
  /** Wall-clock budget of the chunk; it stops starting new runs after it. */
  readonly timeMs?: number;
  /** With timeMs: the runs completed even if the budget runs out first. */
  readonly minRuns?: number;
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
  /** Threads the run uses (time budgets give one chunk per thread); default 1. */
  readonly workers?: number;
}

/** The chunks of one suite under a time budget: one per thread, indices distinct across shards. */
const timedChunks = (p: RunPlanInput, suite: Suite, timeMs: number): Chunk[] => {
  const lanes = Math.max(1, p.workers ?? 1);
  const n = p.shard?.n ?? 1;
  const k = p.shard?.k ?? 1;
  return Array.from({ length: lanes }, (_, i) => {
    const index = k - 1 + n * i;
    const runs = p.runs === undefined ? UNBOUNDED_RUNS : Math.max(1, Math.floor(p.runs / lanes) + (i < p.runs % lanes ? 1 : 0));
    return { suite: suite.name, index, runs, seed: chunkSeed(p.seed, index), timeMs, minRuns: MIN_TIMED_RUNS };
  });
};

/** The chunks of a run. */
export const planChunks = (p: RunPlanInput): readonly Chunk[] => {
  const chunks: Chunk[] = [];
  for (const suite of p.suites) {
    if (p.path !== undefined) {
      chunks.push({ suite: suite.name, index: 0, runs: p.runs ?? suite.defaultRuns, seed: p.seed, path: p.path });
      continue;
    }
    if (p.timeMs !== undefined) {
      chunks.push(...timedChunks(p, suite, p.timeMs));
      continue;
    }
    const total = p.runs ?? suite.defaultRuns;
    const count = Math.max(1, Math.min(CHUNKS, total));
    for (let i = 0; i < count; i++) {
      const runs = Math.floor(total / count) + (i < total % count ? 1 : 0);
      chunks.push({ suite: suite.name, index: i, runs, seed: chunkSeed(p.seed, i) });
    }
  }
  if (p.shard === undefined || p.path !== undefined || p.timeMs !== undefined) return chunks;
  const { k, n } = p.shard;
  return chunks.filter((c) => c.index % n === k - 1);
};

/** What the default worker count is chosen from. */
export interface WorkerBudget {
  readonly suites: readonly Suite[];
  readonly runs?: number;
  readonly timeMs?: number;
  readonly path?: string;
  /** Cores this process may use (os.availableParallelism()). */
  readonly cpus: number;
}

/**
 * A budget at least this many times a suite's default runs is worth a second thread: below it,
 * a thread's start-up (module loading and JIT warm-up, about a default core budget of CPU)
 * would make the run slower than one thread.
 */
export const PARALLEL_RUNS_FACTOR = 4;
/** A time budget from this many milliseconds up is worth every core. */
export const PARALLEL_TIME_MS = 5000;

/** The worker count when --workers is not given: 1 for the default budget, more for big ones. */
export const defaultWorkers = (b: WorkerBudget): number => {
  const spare = Math.max(1, Math.min(b.cpus, CHUNKS));
  if (b.path !== undefined || spare === 1) return 1;
  if (b.timeMs !== undefined) return b.timeMs >= PARALLEL_TIME_MS ? spare : 1;
  if (b.runs === undefined) return 1;
  const runs = b.runs;
  return b.suites.some((s) => runs >= PARALLEL_RUNS_FACTOR * s.defaultRuns) ? spare : 1;
};
