/**
 * Deadlines that leave out the time the watched threads waited for a CPU (run-delay.ts): plain
 * without anything to watch, extended by what the watched threads gathered, never beyond the cap,
 * and the real /proc readings where the system has them.
 */
import { existsSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import type { ThreadRef } from "./run-delay.js";
import { currentThreadSource, Deadline, EXTENSION_CAP, SAMPLE_AFTER_MS, threadRunDelayMs } from "./run-delay.js";

const sleeper = new Int32Array(new SharedArrayBuffer(4));
/** Wait until the deadline has passed; the milliseconds it took. */
const waitOut = (d: Deadline): number => {
  const t0 = Date.now();
  for (let left = d.left(); left > 0; left = d.left()) Atomics.wait(sleeper, 0, 0, left);
  return Date.now() - t0;
};
const ME: ThreadRef = { pid: process.pid, tid: process.pid };
const LINUX = existsSync("/proc/thread-self/schedstat");

describe("Deadline", () => {
  it("with nothing to watch is the plain deadline", () => {
    const d = new Deadline(SAMPLE_AFTER_MS + 60, () => []);
    expect(waitOut(d)).toBeGreaterThanOrEqual(SAMPLE_AFTER_MS + 60);
    expect(d.extendedMs).toBe(0);
    expect(d.note()).toBe("");
  });

  it("is extended by the run-queue delay the watched threads gathered after the first read", () => {
    const readings = [1000, 1080]; // the base, then 80 ms more spent waiting for a CPU
    let reads = 0;
    const d = new Deadline(SAMPLE_AFTER_MS + 40, () => [ME], () => readings[Math.min(reads++, readings.length - 1)] ?? null);
    expect(waitOut(d)).toBeGreaterThanOrEqual(SAMPLE_AFTER_MS + 40 + 80);
    expect(d.extendedMs).toBe(80);
    expect(d.note()).toMatch(/after 80 ms more for the time it waited for a CPU/);
  });

  it("never extends beyond the cap, so every wait ends", () => {
    let reads = 0;
    const timeout = SAMPLE_AFTER_MS + 10;
    const d = new Deadline(timeout, () => [ME], () => (reads++ === 0 ? 0 : 1e9));
    expect(waitOut(d)).toBeGreaterThanOrEqual(timeout * (1 + EXTENSION_CAP));
    expect(d.extendedMs).toBe(EXTENSION_CAP * timeout);
  });

  it("does not read a thread for a wait that ends before the first sample", () => {
    let reads = 0;
    const d = new Deadline(1000, () => [ME], () => { reads++; return 0; });
    expect(d.left()).toBeGreaterThan(0);
    expect(reads).toBe(0);
  });

  it("takes a thread that cannot be read as no delay", () => {
    const d = new Deadline(SAMPLE_AFTER_MS + 20, () => [{ pid: 2 ** 30, tid: 2 ** 30 }]);
    waitOut(d);
    expect(d.extendedMs).toBe(0);
  });
});

describe.runIf(LINUX)("run-queue delay on Linux", () => {
  it("reads this thread's delay", () => {
    const ms = threadRunDelayMs(ME);
    expect(ms).not.toBeNull();
    expect(ms ?? -1).toBeGreaterThanOrEqual(0);
  });

  it("a worker thread names itself, and its delay can be read from the main thread", async () => {
    const seen = await new Promise<{ readonly tid: number; readonly ms: number | null }>((resolve, reject) => {
      const w = new Worker(`require("node:worker_threads").parentPort.postMessage(${currentThreadSource}); setInterval(() => {}, 1000);`, { eval: true });
      w.once("message", (m: unknown) => {
        const tid = typeof m === "number" ? m : 0;
        resolve({ tid, ms: threadRunDelayMs({ pid: process.pid, tid }) });
        void w.terminate();
      });
      w.once("error", reject);
    });
    expect(seen.tid).toBeGreaterThan(0);
    expect(seen.tid).not.toBe(process.pid);
    expect(seen.ms).not.toBeNull();
  });
});
