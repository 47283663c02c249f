/**
 * The CPU line a benchmarked process writes at exit (cpu-at-exit.ts) and how the bench reads it.
 *
 * Rules:
 *  1. The line is `CPU_TAG <ms>` on a line of its own on stderr; the last such line counts.
 *  2. A stderr without the line is an error: the process did not run the preload or died
 *     before its exit handlers.
 */

/** The tag of the line. */
export const CPU_TAG = "ioasid-bench-cpu-ms";

/** The line for `ms`. */
export const cpuLine = (ms: number): string => `${CPU_TAG} ${ms.toFixed(1)}`;

/** The CPU milliseconds in a process's stderr (rule 1). */
export const readCpuMs = (stderr: string): number => {
  const found = [...stderr.matchAll(new RegExp(`^${CPU_TAG} ([0-9.]+)$`, "gm"))].at(-1);
  if (found === undefined) throw new Error(`no '${CPU_TAG}' line in the process's stderr`);
  return Number(found[1]);
};
