/**
 * Executing planned chunks: in this thread for one worker, else on a pool of worker threads.
 * Results are collected per chunk and sorted, so timing never changes what is reported.
 */
import { Worker } from "node:worker_threads";
import { PathReporter } from "io-ts/lib/PathReporter.js";
import type { Chunk } from "./plan.js";
import { ChunkResult } from "./chunk-result.js";
import { runChunk } from "./run-chunk.js";
import type { Progress } from "./progress.js";

const byChunk = (a: ChunkResult, b: ChunkResult) => a.suite.localeCompare(b.suite) || a.index - b.index;

/** Run chunks in this thread. */
const inThread = (chunks: readonly Chunk[], progress: Progress): ChunkResult[] => {
  const out: ChunkResult[] = [];
  for (const c of chunks) {
    const r = runChunk(c);
    out.push(r);
    progress.chunkDone(r, out.length, chunks.length);
  }
  return out;
};

/** Run chunks on `n` worker threads. */
const onWorkers = (chunks: readonly Chunk[], n: number, progress: Progress): Promise<ChunkResult[]> =>
  new Promise((resolve, reject) => {
    const queue = [...chunks];
    const out: ChunkResult[] = [];
    const workers: Worker[] = [];
    let failed = false;
    const stopAll = () => Promise.all(workers.map((w) => w.terminate()));
    const feed = (w: Worker) => {
      const next = queue.shift();
      if (next !== undefined) w.postMessage(next);
    };
    for (let i = 0; i < Math.min(n, chunks.length); i++) {
      const w = new Worker(new URL("./worker.js", import.meta.url));
      workers.push(w);
      w.on("message", (msg: unknown) => {
        if (failed) return;
        const result = typeof msg === "object" && msg !== null && "result" in msg ? ChunkResult.decode(msg.result) : null;
        if (result === null || result._tag === "Left") {
          failed = true;
          const why = result === null ? (typeof msg === "object" && msg !== null && "error" in msg ? String(msg.error) : "no result") : PathReporter.report(result).join("; ");
          void stopAll().then(() => reject(new Error(`a worker failed: ${why}`)));
          return;
        }
        out.push(result.right);
        progress.chunkDone(result.right, out.length, chunks.length);
        if (out.length === chunks.length) void stopAll().then(() => resolve(out));
        else feed(w);
      });
      w.on("error", (e) => {
        if (failed) return;
        failed = true;
        void stopAll().then(() => reject(e));
      });
      feed(w);
    }
  });

/** Run every chunk with `workers` threads; results in chunk order. */
export const executeChunks = async (chunks: readonly Chunk[], workers: number, progress: Progress): Promise<readonly ChunkResult[]> => {
  const results = workers <= 1 || chunks.length <= 1 ? inThread(chunks, progress) : await onWorkers(chunks, workers, progress);
  progress.finish();
  return [...results].sort(byChunk);
};
