/**
 * Preloaded into a benchmarked process (`node --import`): at its exit, the process writes its
 * CPU time to stderr (cpu-line.ts).
 *
 * Rules:
 *  1. The figure is process.cpuUsage() at exit: user + system time of every thread the process
 *     had (the main thread, worker threads that have ended, V8's compiler and GC threads), in
 *     milliseconds: what the whole run cost, whatever the machine's load did to its wall time.
 *  2. It is written synchronously, after everything the process printed.
 */
import { writeSync } from "node:fs";
import { cpuLine } from "./cpu-line.js";

process.on("exit", () => {
  const u = process.cpuUsage();
  writeSync(2, `\n${cpuLine((u.user + u.system) / 1000)}\n`);
});
