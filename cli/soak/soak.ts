/**
 * The soak: the main job's suites (core and system, default budget, bundled implementation) run
 * round after round with fresh seeds until the time budget is spent.
 *
 * Rules:
 *  1. A round is exactly what `ioasid-check run --seed S` runs (same chunk plan), so every
 *     counterexample's printed replay line replays it.
 *  2. No round starts after the budget; a started chunk finishes (the budget is a lower bound).
 *  3. Every counterexample is kept: its round seed, its full text and its replay line.
 */
import { SUITES } from "../../properties/suites.js";
import { planChunks } from "../run/plan.js";
import { executeChunks } from "../run/execute.js";
import type { ChunkResult } from "../run/chunk-result.js";
import type { Progress } from "../run/progress.js";

/** The figures of one suite over the soak. */
export interface SoakSuiteTotals {
  readonly suite: string;
  runs: number;
  commands: number;
  counterexamples: number;
  ms: number;
}

/** One counterexample found by the soak. */
export interface SoakFinding {
  readonly suite: string;
  readonly roundSeed: number;
  readonly text: string;
  readonly replay: string;
}

/** What a soak did. */
export interface SoakReport {
  readonly rounds: number;
  readonly ms: number;
  readonly totals: readonly SoakSuiteTotals[];
  readonly findings: readonly SoakFinding[];
}

const SILENT: Progress = { chunkDone: () => undefined, finish: () => undefined };

/** A fresh 32-bit seed. */
export const freshSeed = (): number => (Date.now() ^ Math.floor(Math.random() * 0x100000000)) | 0;

/** The replay line in a failure text (the line starting `replay:`). */
export const replayOf = (failureText: string): string => /^replay: (.*)$/m.exec(failureText)?.[1] ?? "(no replay line printed)";

/** Run rounds until `budgetMs` is spent; `onRound` hears about each finished round. */
export const soak = async (
  opts: { readonly budgetMs: number; readonly workers: number; readonly firstSeed?: number; readonly runs?: number },
  onRound: (round: number, seed: number, results: readonly ChunkResult[]) => void,
): Promise<SoakReport> => {
  const started = performance.now();
  const totals: SoakSuiteTotals[] = SUITES.map((s) => ({ suite: s.name, runs: 0, commands: 0, counterexamples: 0, ms: 0 }));
  const findings: SoakFinding[] = [];
  let rounds = 0;
  while (performance.now() - started < opts.budgetMs) {
    const seed = rounds === 0 && opts.firstSeed !== undefined ? opts.firstSeed : freshSeed();
    const results = await executeChunks(planChunks({ suites: SUITES, seed, ...(opts.runs === undefined ? {} : { runs: opts.runs }) }), opts.workers, SILENT);
    for (const r of results) {
      const t = totals.find((x) => x.suite === r.suite);
      if (t === undefined) continue;
      t.runs += r.runs;
      t.commands += r.commands;
      t.ms += r.ms;
      if (r.failure === null) continue;
      t.counterexamples++;
      findings.push({ suite: r.suite, roundSeed: seed, text: r.failureText, replay: replayOf(r.failureText) });
    }
    rounds++;
    onRound(rounds, seed, results);
  }
  return { rounds, ms: performance.now() - started, totals, findings };
};
