/**
 * A worker thread: receives chunks, runs them, posts each result (or the error that stopped it).
 */
import { parentPort } from "node:worker_threads";
import { runChunk } from "./run-chunk.js";
import type { Chunk } from "./plan.js";

parentPort?.on("message", (c: Chunk) => {
  try {
    parentPort?.postMessage({ ok: true, result: runChunk(c) });
  } catch (e) {
    parentPort?.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) });
  }
});
