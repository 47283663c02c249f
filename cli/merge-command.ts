/**
 * `ioasid-check merge FILE...`: combine the shard files of one run into its result.
 */
import { readFileSync } from "node:fs";
import { ShardFile } from "./run/chunk-result.js";
import type { ChunkResult } from "./run/chunk-result.js";
import { mergeChunks, mergedPassed } from "./run/merge.js";
import { formatSummary } from "./run/summary.js";
import { SUITES } from "../properties/suites.js";
import { describeErrors } from "../counterexamples/decode-errors.js";
import { mergedJson, printMerged } from "./run-command.js";
import { UsageError } from "./args.js";

const readShard = (file: string): ShardFile => {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new UsageError(`${file}: not a readable JSON shard file (${e instanceof Error ? e.message : String(e)})`);
  }
  const d = ShardFile.decode(raw);
  if (d._tag === "Left") throw new UsageError(`${file}: not a shard file: ${describeErrors(d.left).join("; ")}`);
  return d.right;
};

export const mergeCommand = (files: readonly string[], json: boolean, print: (s: string) => void): number => {
  const shards = files.map(readShard);
  const seeds = new Set(shards.map((s) => s.seed));
  if (seeds.size > 1) throw new UsageError(`the shards come from different runs (seeds ${[...seeds].join(", ")})`);
  const results: ChunkResult[] = shards.flatMap((s) => s.chunks);
  const merged = mergeChunks(SUITES, results, false);
  if (json) print(JSON.stringify({ seed: shards[0]?.seed ?? null, shards: shards.length, suites: merged.map(mergedJson) }, null, 2));
  else {
    printMerged(merged, print);
    print(formatSummary(merged, { replayed: 0, failed: 0 }));
  }
  return merged.every(mergedPassed) ? 0 : 1;
};
