/**
 * `ioasid-check merge FILE...`: combine the shard files of one run into its result, after
 * proving they are that whole run (merge-shards.ts): exit 2 naming what is missing or doubled.
 */
import { readFileSync } from "node:fs";
import { mergeChunks, mergedPassed } from "./run/merge.js";
import { formatSummary } from "./run/summary.js";
import { SUITES } from "../properties/suites.js";
import { describeErrors } from "../counterexamples/decode-errors.js";
import { mergedJson, printMerged } from "./run-command.js";
import { UsageError } from "./args.js";
import { checkShards, PlannedShardFile, ShardError } from "./merge-shards.js";

const readShard = (file: string): PlannedShardFile => {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8").replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new UsageError(`${file}: not a readable JSON shard file (${e instanceof Error ? e.message : String(e)})`);
  }
  const d = PlannedShardFile.decode(raw);
  if (d._tag === "Left") throw new UsageError(`${file}: not a shard file: ${describeErrors(d.left).join("; ")}`);
  return d.right;
};

export const mergeCommand = (files: readonly string[], json: boolean, print: (s: string) => void): number => {
  const shards = files.map((file) => ({ file, shard: readShard(file) }));
  let results;
  try {
    results = checkShards(shards);
  } catch (e) {
    if (e instanceof ShardError) throw new UsageError(e.message);
    throw e;
  }
  const merged = mergeChunks(SUITES, results, false);
  if (json) print(JSON.stringify({ seed: shards[0]?.shard.seed ?? null, shards: shards.length, suites: merged.map(mergedJson) }, null, 2));
  else {
    printMerged(merged, print);
    print(formatSummary(merged, { replayed: 0, failed: 0 }));
  }
  return merged.every(mergedPassed) ? 0 : 1;
};
