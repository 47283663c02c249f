/**
 * The CPU line a benchmarked process writes at exit (cpu-at-exit.ts) and how the bench reads it.
 *
 * Rules:
 *  1. The line is `CPU_TAG <total ms>` on a line of its own on stderr, optionally followed by
 *     `main=<ms> helpers=<ms>`: the main thread's CPU time and that of the threads still alive at
 *     exit besides it (V8's compiler and GC threads, libuv's pool). The rest of the total went to
 *     threads that ended before (worker threads). The last such line counts.
 *  2. A stderr without the line is an error: the process did not run the preload or died
 *     before its exit handlers.
 */

/** The tag of the line. */
export const CPU_TAG = "ioasid-bench-cpu-ms";

/** A process's CPU time, in milliseconds, and its split by thread where the system shows it. */
export interface CpuSplit {
  readonly total: number;
  readonly threads: { readonly main: number; readonly helpers: number; readonly ended: number } | null;
}

/** The line for a total and, where known, the main thread's and the live helper threads' time. */
export const cpuLine = (total: number, threads: { readonly main: number; readonly helpers: number } | null): string =>
  `${CPU_TAG} ${total.toFixed(1)}${threads === null ? "" : ` main=${threads.main.toFixed(1)} helpers=${threads.helpers.toFixed(1)}`}`;

/** The CPU time in a process's stderr (rule 1). */
export const readCpu = (stderr: string): CpuSplit => {
  const found = [...stderr.matchAll(new RegExp(`^${CPU_TAG} ([0-9.]+)(?: main=([0-9.]+) helpers=([0-9.]+))?$`, "gm"))].at(-1);
  if (found === undefined) throw new Error(`no '${CPU_TAG}' line in the process's stderr`);
  const total = Number(found[1]);
  const [main, helpers] = [found[2], found[3]];
  if (main === undefined || helpers === undefined) return { total, threads: null };
  const m = Number(main);
  const h = Number(helpers);
  return { total, threads: { main: m, helpers: h, ended: Math.max(0, total - m - h) } };
};
