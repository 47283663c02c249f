/**
 * System-suite throughput: checked system commands per second. Each command runs on two systems
 * (one on the spec core, one on impl), with every system property checked on both after every
 * step, plus the teardown and leak check at the end of each run. Rounds as in
 * suite-throughput.ts: the suite, then fast-check's trivial model at its steady state (its rule 3),
 * ratio per round.
 */
import { runSystemSuite } from "../properties/system/suite.js";
import { createImplCore } from "../impl/index.js";
import type { SuiteRound, ThroughputRow } from "./suite-throughput.js";
import { costRatio, formatRow, formatSpread, measure, trivialBaseline } from "./suite-throughput.js";

const system = (runs: number, seed: number): ThroughputRow => measure("system suite (checked commands, spec + impl twins)", () => {
  const r = runSystemSuite({ makeCore: () => createImplCore(), numRuns: runs, seed });
  if (r.failure !== null) throw new Error(`the system suite failed while benchmarking: ${r.failure.detail}`);
  return r.commands;
});

/** `rounds` rounds after a warm-up round of the same size. */
export const runSystemBench = (runs = 1000, rounds = 3): readonly SuiteRound[] => {
  system(runs, 2);
  trivialBaseline(80);
  return Array.from({ length: rounds }, () => {
    const s = system(runs, 1);
    const t = trivialBaseline(80);
    return { suite: s, trivial: t, ratio: costRatio(s, t) };
  });
};

/** The rounds as text, with the ratio's spread. */
export const formatSystemRows = (rounds: readonly SuiteRound[]): string => [
  ...rounds.flatMap((r, i) => [`round ${i + 1}`, `  ${formatRow(r.suite, 52)}`, `  ${formatRow(r.trivial, 52)}`, `  system cost per command / fast-check's own: ${r.ratio.toFixed(1)}x`]),
  `system cost per command / fast-check's own (CPU time): ${formatSpread(rounds.map((r) => r.ratio))}; goal <= 60x`,
].join("\n");
