/**
 * Preloaded into a benchmarked process (`node --import`): at its exit, the process writes its
 * CPU time to stderr (cpu-line.ts).
 *
 * Rules:
 *  1. The total is process.cpuUsage() at exit: user + system time of every thread the process
 *     had (the main thread, worker threads that have ended, V8's compiler and GC threads), in
 *     milliseconds: what the whole run cost, whatever the machine's load did to its wall time.
 *  2. Where the system shows each thread's time (Linux: /proc/self/task/<tid>/schedstat), the line
 *     also gives the main thread's and the other live threads' time; elsewhere the total only.
 *  3. Only the main thread writes (a worker thread that runs the preload too stays silent), once,
 *     synchronously, after everything the process printed.
 */
import { readdirSync, readFileSync, writeSync } from "node:fs";
import { isMainThread } from "node:worker_threads";
import { cpuLine } from "./cpu-line.js";

/** CPU milliseconds of thread `tid` of this process, or null. */
const threadMs = (tid: string): number | null => {
  try {
    const ns = Number(readFileSync(`/proc/self/task/${tid}/schedstat`, "utf8").split(" ")[0]);
    return Number.isFinite(ns) ? ns / 1e6 : null;
  } catch {
    return null;
  }
};

/** The main thread's and the other live threads' CPU time (rule 2), or null. */
const split = (): { readonly main: number; readonly helpers: number } | null => {
  let tids: string[];
  try {
    tids = readdirSync("/proc/self/task");
  } catch {
    return null;
  }
  const main = threadMs(String(process.pid));
  if (main === null) return null;
  let helpers = 0;
  for (const tid of tids) {
    if (tid === String(process.pid)) continue;
    helpers += threadMs(tid) ?? 0;
  }
  return { main, helpers };
};

if (isMainThread) {
  process.on("exit", () => {
    const u = process.cpuUsage();
    writeSync(2, `\n${cpuLine((u.user + u.system) / 1000, split())}\n`);
  });
}
