/**
 * The suites `ioasid-check run` knows, by name. Each runs within a budget from a seed and
 * reports in one shape, so the command line and a user's own tests treat them alike.
 */
import { DEFAULT_CORE_RUNS, runCoreSuite } from "./core/suite.js";
import { formatCoverage, formatFailure } from "./core/report.js";
import { CORE_SUITE_GATE, Coverage } from "./core/coverage.js";
import { DEFAULT_SYSTEM_RUNS, runSystemSuite } from "./system/suite.js";
import { SYSTEM_GATE } from "./system/gate.js";
import { createImplCore } from "../impl/index.js";

/** The budget and seed of one run. */
export interface SuiteRunOptions {
  readonly runs?: number;
  readonly seed?: number;
  readonly path?: string;
  /** Time budget in milliseconds: no new run starts after it. */
  readonly timeMs?: number;
}

/** The result of one suite. */
export interface SuiteResult {
  readonly suite: string;
  readonly implementation: string;
  readonly runs: number;
  readonly commands: number;
  /** Reached cases (command kind and outcome, events, ...) with counts. */
  readonly reached: ReadonlyArray<readonly [string, number]>;
  /** Gate cases not reached. */
  readonly missing: readonly string[];
  /** Whether the gate applies: it is calibrated for the default budget, so smaller runs and replays only report. */
  readonly gateEnforced: boolean;
  /** The counterexample, as data and as text, or null. */
  readonly failure: { readonly seed: number; readonly path: string; readonly commands: readonly unknown[]; readonly failedStep: number; readonly detail: string } | null;
  readonly failureText: string;
  readonly coverageText: string;
  readonly seed: number;
  readonly ms: number;
}

/** Did a suite pass: no counterexample, and the gate reached where it applies? */
export const passed = (r: SuiteResult): boolean => r.failure === null && (!r.gateEnforced || r.missing.length === 0);

/** One named suite. */
export interface Suite {
  readonly name: string;
  readonly description: string;
  readonly defaultRuns: number;
  /** The cases a run at the default budget must reach. */
  readonly gate: readonly string[];
  readonly run: (opts: SuiteRunOptions) => SuiteResult;
  /** The coverage as text, from reached cases (used for merged results too). */
  readonly formatCoverage: (reached: ReadonlyArray<readonly [string, number]>, missing: readonly string[]) => string;
}

const timed = <T>(f: () => T): { readonly value: T; readonly ms: number } => {
  const t0 = performance.now();
  const value = f();
  return { value, ms: performance.now() - t0 };
};

const budget = (opts: SuiteRunOptions) => ({
  ...(opts.runs === undefined ? {} : { numRuns: opts.runs }),
  ...(opts.timeMs === undefined ? {} : { timeLimitMs: opts.timeMs }),
  ...(opts.seed === undefined ? {} : { seed: opts.seed }),
  ...(opts.path === undefined ? {} : { path: opts.path }),
});

/** The system suite's coverage as text. */
const formatSystemCoverage = (reached: ReadonlyArray<readonly [string, number]>, missing: readonly string[]): string =>
  [...reached.map(([k, n]) => `${k.padEnd(32)} ${n}`), missing.length === 0 ? "coverage gate: every listed case reached" : `coverage gate: NOT reached: ${missing.join(", ")}`].join("\n");

/** The system suite's gate (properties/system/gate.ts). */
export { SYSTEM_GATE };

/** The command `run` prints to replay one case of a suite (the core suite's formatFailure prints the same). */
export const runReplayLine = (suite: string, seed: number, path: string): string => `npx ioasid-check run --suite ${suite} --seed ${seed} --path "${path}"`;

/** Every suite, in the order `run` runs them. */
export const SUITES: readonly Suite[] = [
  {
    name: "core",
    description: "the optimized core (impl/) against the spec: results, notifications, refcounts, invariants",
    defaultRuns: DEFAULT_CORE_RUNS,
    gate: CORE_SUITE_GATE,
    formatCoverage: (reached, missing) => formatCoverage({ coverage: Coverage.fromEntries(reached), missing }),
    run: (opts) => {
      const { value: r, ms } = timed(() => runCoreSuite({ makeCore: (c) => createImplCore(c), ...budget(opts) }));
      const f = r.failure;
      return {
        suite: "core", implementation: "impl", runs: r.runs, commands: r.commands, reached: r.coverage.entries(), missing: r.missing,
        gateEnforced: opts.path === undefined && opts.timeMs === undefined && r.runs >= DEFAULT_CORE_RUNS,
        failure: f === null ? null : { seed: f.seed, path: f.path, commands: f.commands, failedStep: f.failedStep, detail: `${f.divergence.kind}: ${f.divergence.detail}` },
        failureText: f === null ? "" : formatFailure(f, "npx ioasid-check run --suite core"),
        coverageText: formatCoverage({ coverage: r.coverage, missing: r.missing }), seed: r.seed, ms,
      };
    },
  },
  {
    name: "system",
    description: "VMs, KVM, VDCM, IOMMU driver, DSA and native processes on impl and on the spec: no leak, no cross-reuse",
    defaultRuns: DEFAULT_SYSTEM_RUNS,
    gate: SYSTEM_GATE,
    formatCoverage: (reached, missing) => formatSystemCoverage(reached, missing),
    run: (opts) => {
      const { value: r, ms } = timed(() => runSystemSuite({ makeCore: () => createImplCore(), ...budget(opts) }));
      const reached = [...r.reached].sort(([a], [b]) => a.localeCompare(b));
      const missing = SYSTEM_GATE.filter((k) => (r.reached.get(k) ?? 0) === 0);
      const f = r.failure;
      const failureText = f === null ? "" : [
        `counterexample: ${f.commands.length} steps, failing at step ${f.failedStep + 1}`,
        ...f.commands.map((c, i) => `${i === f.failedStep ? ">>" : "  "} ${String(i + 1).padStart(2)}. ${JSON.stringify(c)}`),
        "", `   ${f.detail}`, "", `replay: ${runReplayLine("system", f.seed, f.path)}`,
      ].join("\n");
      return {
        suite: "system", implementation: "impl + spec twin", runs: r.runs, commands: r.commands, reached, missing,
        gateEnforced: opts.path === undefined && opts.timeMs === undefined && r.runs >= DEFAULT_SYSTEM_RUNS,
        failure: f, failureText,
        coverageText: formatSystemCoverage(reached, missing),
        seed: r.seed, ms,
      };
    },
  },
];
