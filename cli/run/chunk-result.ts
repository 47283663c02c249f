/**
 * The result of one chunk, as it crosses from a worker thread or a shard file: an io-ts codec.
 */
import * as t from "io-ts";

export const ChunkFailure = t.type({
  seed: t.number,
  path: t.string,
  commands: t.array(t.unknown),
  failedStep: t.number,
  detail: t.string,
});

const ChunkResultRequired = t.type({
  suite: t.string,
  index: t.number,
  seed: t.number,
  runs: t.number,
  commands: t.number,
  reached: t.array(t.tuple([t.string, t.number])),
  failure: t.union([ChunkFailure, t.null]),
  failureText: t.string,
  ms: t.number,
  timeLimited: t.boolean,
});

/** A chunk result; `raised`: a time budget too small for one run was raised to one run (plan.ts). */
export const ChunkResult = t.intersection([ChunkResultRequired, t.partial({ raised: t.boolean })]);
export type ChunkResult = t.TypeOf<typeof ChunkResult>;

/** A chunk as it crosses to a worker thread (plan.ts Chunk). */
export const ChunkCodec = t.intersection([
  t.type({ suite: t.string, index: t.number, runs: t.number, seed: t.number }),
  t.partial({ timeMs: t.number, minRuns: t.number, path: t.string }),
]);

/** A shard file: the chunk results of one shard of a run. */
export const ShardFile = t.type({
  format: t.literal("ioasid-check-shard"),
  version: t.literal(1),
  seed: t.number,
  shard: t.type({ k: t.number, n: t.number }),
  chunks: t.array(ChunkResult),
});
export type ShardFile = t.TypeOf<typeof ShardFile>;
