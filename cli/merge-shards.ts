/**
 * The shard files of one run, proven complete before they are merged.
 *
 * Rules:
 *  1. A shard file records the plan of its run (suites, runs, time budget) beside the seed and
 *     `k/n`; every file merged must have the same seed, `n` and plan.
 *  2. Each shard 1..n is present exactly once: a missing or doubled shard is named.
 *  3. Each shard holds exactly the chunks the plan gives it (suite, index and chunk seed, as
 *     cli/run/plan.ts plans them), with whole, non-negative runs and commands, and at most the
 *     planned runs unless the chunk was time-limited; an unknown suite is named. A time budget
 *     plans one chunk per thread, so a timed shard holds one or more chunks of each suite, each
 *     with an index of its shard (k-1 modulo n) and that index's seed, none twice.
 *  4. Any breach is a ShardError (exit 2), one line naming the file, shard or chunk.
 */
import * as t from "io-ts";
import { ShardFile } from "./run/chunk-result.js";
import type { ChunkResult } from "./run/chunk-result.js";
import { CHUNKS, chunkSeed, planChunks } from "./run/plan.js";
import { SUITES } from "../properties/suites.js";

/** The plan of a run, as a shard file records it (rule 1). */
export const ShardPlan = t.type({ suites: t.array(t.string), runs: t.union([t.number, t.null]), timeMs: t.union([t.number, t.null]) });
export type ShardPlan = t.TypeOf<typeof ShardPlan>;

/** A shard file with its run's plan. */
export const PlannedShardFile = t.intersection([ShardFile, t.type({ plan: ShardPlan })]);
export type PlannedShardFile = t.TypeOf<typeof PlannedShardFile>;

/** A set of shard files that is not one whole run. */
export class ShardError extends Error {
  override readonly name = "ShardError";
}

const samePlan = (a: ShardPlan, b: ShardPlan): boolean => a.runs === b.runs && a.timeMs === b.timeMs && a.suites.join(",") === b.suites.join(",");
const planText = (p: ShardPlan): string => `suites ${p.suites.join("+")}, ${p.runs === null ? "default runs" : `${p.runs} runs`}${p.timeMs === null ? "" : `, ${p.timeMs / 1000} s`}`;
const wholeCount = (v: number): boolean => Number.isSafeInteger(v) && v >= 0;

/** Rule 3 for a time budget: the chunks of one timed shard, checked. */
const timedShardChunks = (file: string, shard: PlannedShardFile, suites: readonly string[], known: readonly string[]): readonly ChunkResult[] => {
  const { k, n } = shard.shard;
  for (const c of shard.chunks) {
    const name = `${file}: chunk ${c.suite} #${c.index + 1}`;
    if (!known.includes(c.suite)) throw new ShardError(`${file}: a chunk of unknown suite "${c.suite}" (suites: ${known.join(", ")})`);
    if (!suites.includes(c.suite)) throw new ShardError(`${name} is of a suite this run did not plan`);
    if (!Number.isSafeInteger(c.index) || c.index < 0 || c.index % n !== k - 1) throw new ShardError(`${name} is not in shard ${k}/${n} of this run`);
    if (c.seed !== chunkSeed(shard.seed, c.index)) throw new ShardError(`${name} has seed ${c.seed}, the run planned ${chunkSeed(shard.seed, c.index)}`);
    if (!wholeCount(c.runs) || !wholeCount(c.commands)) throw new ShardError(`${name}: runs and commands must be whole numbers >= 0, got ${c.runs} runs, ${c.commands} commands`);
    if (shard.chunks.filter((x) => x.suite === c.suite && x.index === c.index).length > 1) throw new ShardError(`${name} is given more than once`);
  }
  for (const s of suites) if (!shard.chunks.some((c) => c.suite === s)) throw new ShardError(`${file}: no chunk of suite ${s}`);
  return shard.chunks;
};

/** Rules 1-4: the chunks of a complete run, or a ShardError. */
export const checkShards = (shards: ReadonlyArray<{ readonly file: string; readonly shard: PlannedShardFile }>): readonly ChunkResult[] => {
  const first = shards[0];
  if (first === undefined) throw new ShardError("merge expects the shard files of one run");
  const { seed, plan } = first.shard;
  const n = first.shard.shard.n;
  for (const { file, shard } of shards) {
    const { k, n: nk } = shard.shard;
    if (!(Number.isInteger(k) && Number.isInteger(nk) && nk >= 1 && nk <= CHUNKS && k >= 1 && k <= nk)) throw new ShardError(`${file}: shard ${k}/${nk} is not a shard of a run (1 <= k <= n <= ${CHUNKS})`);
    if (shard.seed !== seed) throw new ShardError(`${file}: seed ${shard.seed}, but ${first.file} has seed ${seed}: shards of different runs`);
    if (nk !== n) throw new ShardError(`${file}: shard ${k}/${nk}, but ${first.file} is one of ${n}: shards of different runs`);
    if (!samePlan(shard.plan, plan)) throw new ShardError(`${file}: planned ${planText(shard.plan)}, but ${first.file} planned ${planText(plan)}: shards of different runs`);
  }
  for (let k = 1; k <= n; k++) {
    const given = shards.filter((s) => s.shard.shard.k === k);
    if (given.length === 0) throw new ShardError(`shard ${k}/${n} is missing (given: ${shards.map((s) => `${s.shard.shard.k}/${n}`).join(", ")})`);
    if (given.length > 1) throw new ShardError(`shard ${k}/${n} is given ${given.length} times: ${given.map((s) => s.file).join(", ")}`);
  }
  const known = SUITES.map((s) => s.name);
  for (const s of plan.suites) if (!known.includes(s)) throw new ShardError(`${first.file}: unknown suite "${s}" (suites: ${known.join(", ")})`);
  const suites = SUITES.filter((s) => plan.suites.includes(s.name));
  const out: ChunkResult[] = [];
  for (const { file, shard } of shards) {
    if (plan.timeMs !== null) {
      out.push(...timedShardChunks(file, shard, suites.map((s) => s.name), known));
      continue;
    }
    const expected = planChunks({ suites, seed, ...(plan.runs === null ? {} : { runs: plan.runs }), ...(plan.timeMs === null ? {} : { timeMs: plan.timeMs }), shard: shard.shard });
    for (const c of shard.chunks) {
      if (!known.includes(c.suite)) throw new ShardError(`${file}: a chunk of unknown suite "${c.suite}" (suites: ${known.join(", ")})`);
      const planned = expected.find((e) => e.suite === c.suite && e.index === c.index);
      const name = `${file}: chunk ${c.suite} #${c.index + 1}`;
      if (planned === undefined) throw new ShardError(`${name} is not in shard ${shard.shard.k}/${n} of this run`);
      if (c.seed !== planned.seed) throw new ShardError(`${name} has seed ${c.seed}, the run planned ${planned.seed}`);
      if (!wholeCount(c.runs) || !wholeCount(c.commands)) throw new ShardError(`${name}: runs and commands must be whole numbers >= 0, got ${c.runs} runs, ${c.commands} commands`);
      if (!c.timeLimited && c.runs > planned.runs) throw new ShardError(`${name}: ${c.runs} runs, more than the ${planned.runs} planned`);
    }
    for (const e of expected) {
      const got = shard.chunks.filter((c) => c.suite === e.suite && c.index === e.index).length;
      if (got !== 1) throw new ShardError(`${file}: chunk ${e.suite} #${e.index + 1} is ${got === 0 ? "missing" : `given ${got} times`}`);
    }
    out.push(...shard.chunks);
  }
  if (out.length === 0) throw new ShardError("the shards hold no chunks");
  return out;
};
