/**
 * Conformance-suite throughput: checked commands per second (spec step + impl step + comparison
 * + invariants + abstraction check, with fast-check's generation), beside the bare cost of
 * fast-check's model-based runner on a trivial model measured in the same round.
 *
 * Rules:
 *  1. Each round measures the suite and then the trivial model back to back; the ratio of a
 *     round compares the two in the same conditions. Rounds are reported with their spread
 *     (min, median, max), never as one figure: the machine may be shared.
 *  2. Cost is per checked command in CPU time of this process (steadier than wall-clock time
 *     on a loaded machine); wall-clock rates are printed beside it.
 *  3. The trivial model is the floor, so it is measured at its steady state: warmed up by the
 *     first round's repetitions, and each round takes the median of TRIVIAL_REPEATS
 *     measurements of 1500 runs. A single short measurement of it (tens of milliseconds) swings
 *     by 10x with the JIT's warm-up and the garbage the suite just left behind; earlier versions
 *     of this bench took one, so their ratios were lower than the steady-state ones.
 */
import fc from "fast-check";
import { runCoreSuite } from "../properties/core/suite.js";
import { createImplCore } from "../impl/index.js";

/** One measurement. */
export interface ThroughputRow {
  readonly name: string;
  readonly commands: number;
  readonly ms: number;
  readonly cpuMs: number;
  readonly perSecond: number;
}

const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Time `f`, which returns how many commands it ran. */
export const measure = (name: string, f: () => number): ThroughputRow => {
  const t0 = performance.now();
  const c0 = cpuNow();
  const commands = f();
  const cpuMs = cpuNow() - c0;
  const ms = performance.now() - t0;
  return { name, commands, ms, cpuMs, perSecond: commands / (ms / 1000) };
};

class Increment implements fc.Command<{ n: number }, { n: number }> {
  check(): boolean {
    return true;
  }
  run(m: { n: number }, r: { n: number }): void {
    m.n++;
    r.n++;
    if (m.n !== r.n) throw new Error("diverged");
  }
  toString(): string {
    return "inc";
  }
}

/** fast-check alone: a model of one counter, same run and command budget as the suite. */
export const trivialModel = (runs: number, maxCommands: number): ThroughputRow => measure("fast-check alone, trivial model", () => {
  let commands = 0;
  const arb = fc.constant(null).map(() => {
    commands++;
    return new Increment();
  });
  fc.assert(fc.property(fc.commands([arb], { maxCommands, size: "max" }), (cmds) => {
    fc.modelRun(() => ({ model: { n: 0 }, real: { n: 0 } }), cmds);
  }), { numRuns: runs, seed: 1 });
  return commands;
});

/** Rule 3: measurements of the trivial model per round. */
export const TRIVIAL_REPEATS = 5;

const costPerCommand = (r: ThroughputRow): number => r.cpuMs / Math.max(1, r.commands);

/** Rule 3: the trivial model measured TRIVIAL_REPEATS times; the measurement of median cost. */
export const trivialBaseline = (maxCommands: number, runs = 1500, repeats = TRIVIAL_REPEATS): ThroughputRow => {
  const rows = Array.from({ length: repeats }, () => trivialModel(runs, maxCommands)).sort((a, b) => costPerCommand(a) - costPerCommand(b));
  const mid = rows[Math.floor((rows.length - 1) / 2)];
  if (mid === undefined) throw new Error("trivialBaseline: no repetition");
  return { ...mid, name: `fast-check alone, trivial model (median of ${repeats})` };
};

/** The suite on the bundled core. */
const suite = (runs: number, maxCommands: number): ThroughputRow => measure("core conformance suite (checked commands)", () => {
  const r = runCoreSuite({ makeCore: (c) => createImplCore(c), numRuns: runs, maxCommands, seed: 1 });
  if (r.failure !== null) throw new Error(`the suite failed while benchmarking: ${r.failure.divergence.detail}`);
  return r.commands;
});

/** CPU cost per command of `a` over that of `b`. */
export const costRatio = (a: ThroughputRow, b: ThroughputRow): number => (a.cpuMs / a.commands) / (b.cpuMs / b.commands);

/** One round: the suite, then the trivial model. */
export interface SuiteRound {
  readonly suite: ThroughputRow;
  readonly trivial: ThroughputRow;
  readonly ratio: number;
}

/** `rounds` rounds after a warm-up round of the same size (rule 1; the JIT needs about that long). */
export const runSuiteBench = (runs = 1500, maxCommands = 80, rounds = 3): readonly SuiteRound[] => {
  suite(runs, maxCommands);
  trivialBaseline(maxCommands, runs);
  return Array.from({ length: rounds }, () => {
    const s = suite(runs, maxCommands);
    const t = trivialBaseline(maxCommands, runs);
    return { suite: s, trivial: t, ratio: costRatio(s, t) };
  });
};

/** Min, median and max. */
export const spread = (xs: readonly number[]): { readonly min: number; readonly median: number; readonly max: number } => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (i: number): number => s[Math.min(s.length - 1, Math.max(0, i))] ?? Number.NaN;
  return { min: at(0), median: s.length % 2 === 1 ? at((s.length - 1) / 2) : (at(s.length / 2 - 1) + at(s.length / 2)) / 2, max: at(s.length - 1) };
};

/** A ratio spread as text. */
export const formatSpread = (xs: readonly number[], unit = "x"): string => {
  const s = spread(xs);
  return `median ${s.median.toFixed(1)}${unit} (min ${s.min.toFixed(1)}${unit}, max ${s.max.toFixed(1)}${unit}, ${xs.length} rounds)`;
};

/** One row as text. */
export const formatRow = (r: ThroughputRow, width = 44): string =>
  `${r.name.padEnd(width)} ${String(r.commands).padStart(8)} commands ${r.ms.toFixed(0).padStart(7)} ms ${r.cpuMs.toFixed(0).padStart(7)} CPU-ms ${Math.round(r.perSecond).toLocaleString("en-US").padStart(10)} /s`;

/** The rounds as text, with the ratio's spread. */
export const formatSuiteRows = (rounds: readonly SuiteRound[]): string => [
  ...rounds.flatMap((r, i) => [`round ${i + 1}`, `  ${formatRow(r.suite)}`, `  ${formatRow(r.trivial)}`, `  suite cost per command / fast-check's own: ${r.ratio.toFixed(1)}x`]),
  `suite cost per command / fast-check's own (CPU time): ${formatSpread(rounds.map((r) => r.ratio))}; goal <= 10x`,
].join("\n");
