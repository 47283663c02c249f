/**
 * Choosing steps of a trace: a sub-trace keeps the chosen commands in their order, each with the
 * value it recorded, so a replay still renames recorded numbers (replay.ts rule 2).
 */
import type { Trace } from "../trace.js";

/** The trace restricted to the steps whose indices are in `keep`. */
export const withSteps = (t: Trace, keep: readonly number[]): Trace => {
  const chosen = new Set(keep);
  const values = t.values.filter((_, i) => chosen.has(i));
  return t.suite === "core"
    ? { ...t, commands: t.commands.filter((_, i) => chosen.has(i)), values }
    : { ...t, commands: t.commands.filter((_, i) => chosen.has(i)), values };
};

/** The step indices 0..n-1. */
export const allSteps = (t: Trace): readonly number[] => t.commands.map((_, i) => i);
