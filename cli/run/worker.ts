/**
 * A worker thread: takes chunk after chunk from the shared counter (execute.ts rule 1), posts
 * each result, then `done`; or the error that stopped it. Its start-up counts against the time
 * budget of its first timed chunk (execute.ts rule 4).
 */
import { parentPort, workerData } from "node:worker_threads";
import * as t from "io-ts";
import { PathReporter } from "io-ts/lib/PathReporter.js";
import { ChunkCodec } from "./chunk-result.js";
import { runChunk } from "./run-chunk.js";

const WorkerData = t.type({ chunks: t.array(ChunkCodec), counter: t.unknown, startedAt: t.number });

const work = (): void => {
  const d = WorkerData.decode(workerData);
  if (d._tag === "Left") throw new Error(`bad worker data: ${PathReporter.report(d).join("; ")}`);
  const { chunks, counter, startedAt } = d.right;
  if (!(counter instanceof SharedArrayBuffer)) throw new Error("bad worker data: no shared counter");
  const next = new Int32Array(counter);
  let first = true;
  for (let i = Atomics.add(next, 0, 1); i < chunks.length; i = Atomics.add(next, 0, 1)) {
    const c = chunks[i];
    if (c === undefined) continue;
    const late = first && c.timeMs !== undefined ? { timeMs: Math.max(0, c.timeMs - (Date.now() - startedAt)) } : {};
    first = false;
    parentPort?.postMessage({ result: runChunk({ ...c, ...late }) });
  }
};

try {
  work();
  parentPort?.postMessage({ done: true });
} catch (e) {
  parentPort?.postMessage({ error: e instanceof Error ? e.message : String(e) });
}
