/**
 * Executing planned chunks: in this thread for one worker, else on this thread plus N-1 worker
 * threads. Results are collected per chunk and sorted, so timing never changes what is reported.
 *
 * Rules:
 *  1. Every thread takes the next chunk from one shared counter (Atomics): no thread waits for
 *     another to hand it work, and this thread, whose modules are already loaded and warm, works
 *     too (a worker thread pays module loading and JIT warm-up once, at start).
 *  2. Between its chunks this thread yields to the event loop, so the workers' results and the
 *     progress lines flow while it works.
 *  3. A worker that fails, or posts something that is not a chunk result, stops the run.
 *  4. A worker's start-up counts against the time budget of the first timed chunk it takes, so
 *     a time-limited run ends when its budget says, not a start-up later.
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

const yieldToEvents = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** What a worker posts: a chunk result, its end, or the error that stopped it. */
const readMessage = (msg: unknown): { readonly result: ChunkResult } | { readonly done: true } | { readonly error: string } => {
  if (typeof msg !== "object" || msg === null) return { error: "a message that is not an object" };
  if ("done" in msg && msg.done === true) return { done: true };
  if ("error" in msg) return { error: String(msg.error) };
  if (!("result" in msg)) return { error: "no result" };
  const d = ChunkResult.decode(msg.result);
  return d._tag === "Left" ? { error: PathReporter.report(d).join("; ") } : { result: d.right };
};

/** Run chunks on this thread plus `n - 1` worker threads (rule 1). */
const onThreads = async (chunks: readonly Chunk[], n: number, progress: Progress): Promise<ChunkResult[]> => {
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const startedAt = Date.now();
  const out: ChunkResult[] = [];
  const workers: Worker[] = [];
  let failure: Error | null = null;
  let running = 0;
  let wake: (() => void) | null = null;
  const settle = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const record = (r: ChunkResult) => {
    out.push(r);
    progress.chunkDone(r, out.length, chunks.length);
  };
  for (let i = 0; i < Math.min(n, chunks.length) - 1; i++) {
    const w = new Worker(new URL("./worker.js", import.meta.url), { workerData: { chunks, counter: counter.buffer, startedAt } });
    workers.push(w);
    running++;
    let finished = false;
    const finish = (e: Error | null) => {
      if (finished) return;
      finished = true;
      if (e !== null) failure ??= e;
      running--;
      settle();
    };
    w.on("message", (msg: unknown) => {
      const m = readMessage(msg);
      if ("result" in m) record(m.result);
      else finish("error" in m ? new Error(`a worker failed: ${m.error}`) : null);
    });
    w.on("error", (e) => finish(e));
    w.on("exit", (code) => {
      if (code !== 0) finish(new Error(`a worker exited with code ${code}`));
    });
  }
  try {
    for (let i = Atomics.add(counter, 0, 1); i < chunks.length && failure === null; i = Atomics.add(counter, 0, 1)) {
      const c = chunks[i];
      if (c !== undefined) record(runChunk(c));
      await yieldToEvents();
    }
    while (running > 0 && failure === null) await new Promise<void>((resolve) => { wake = resolve; });
  } finally {
    Atomics.store(counter, 0, chunks.length); // no worker starts another chunk
    await Promise.all(workers.map((w) => w.terminate()));
  }
  if (failure !== null) throw failure;
  if (out.length !== chunks.length) throw new Error(`${chunks.length - out.length} chunks got no result`);
  return out;
};

/** Run every chunk with `workers` threads; results in chunk order. */
export const executeChunks = async (chunks: readonly Chunk[], workers: number, progress: Progress): Promise<readonly ChunkResult[]> => {
  const results = workers <= 1 || chunks.length <= 1 ? inThread(chunks, progress) : await onThreads(chunks, workers, progress);
  progress.finish();
  return [...results].sort(byChunk);
};
