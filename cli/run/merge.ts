/**
 * Merging chunk results into one result per suite: runs, commands and coverage add up; the
 * failure of the lowest-indexed failing chunk is the suite's (deterministic); the gate applies
 * when the whole default budget ran without a time limit.
 */
import type { Suite } from "../../properties/suites.js";
import type { ChunkResult } from "./chunk-result.js";

/** A suite's merged result. */
export interface MergedSuite {
  readonly suite: Suite;
  readonly runs: number;
  readonly commands: number;
  readonly reached: ReadonlyArray<readonly [string, number]>;
  readonly missing: readonly string[];
  readonly gateEnforced: boolean;
  readonly failure: ChunkResult["failure"];
  readonly failureText: string;
  /** Work time summed over chunks. */
  readonly ms: number;
  readonly chunks: number;
}

/** Did it pass? */
export const mergedPassed = (m: MergedSuite): boolean => m.failure === null && (!m.gateEnforced || m.missing.length === 0);

/** Merge the chunks of each suite. */
export const mergeChunks = (suites: readonly Suite[], results: readonly ChunkResult[], replay: boolean): readonly MergedSuite[] =>
  suites.flatMap((suite) => {
    const mine = results.filter((r) => r.suite === suite.name).sort((a, b) => a.index - b.index);
    if (mine.length === 0) return [];
    const reached = new Map<string, number>();
    for (const r of mine) for (const [k, n] of r.reached) reached.set(k, (reached.get(k) ?? 0) + n);
    const failing = mine.find((r) => r.failure !== null);
    const runs = mine.reduce((a, r) => a + r.runs, 0);
    return [{
      suite, runs, commands: mine.reduce((a, r) => a + r.commands, 0),
      reached: [...reached].sort(([a], [b]) => a.localeCompare(b)),
      missing: suite.gate.filter((k) => (reached.get(k) ?? 0) === 0),
      gateEnforced: !replay && runs >= suite.defaultRuns && mine.every((r) => !r.timeLimited),
      failure: failing?.failure ?? null, failureText: failing?.failureText ?? "",
      ms: mine.reduce((a, r) => a + r.ms, 0), chunks: mine.length,
    }];
  });
