/**
 * The suites `ioasid-check run` knows, by name. Each runs within a budget from a seed and
 * reports in one shape, so the command line and a user's own tests treat them alike.
 */
import type { Coverage } from "./core/coverage.js";
import type { CoreFailure } from "./core/suite.js";
import { DEFAULT_CORE_RUNS, runCoreSuite } from "./core/suite.js";
import { createImplCore } from "../impl/index.js";

/** The budget and seed of one run. */
export interface SuiteRunOptions {
  readonly runs?: number;
  readonly seed?: number;
  readonly path?: string;
}

/** The result of one suite. */
export interface SuiteResult {
  readonly suite: string;
  readonly implementation: string;
  readonly runs: number;
  readonly commands: number;
  readonly coverage: Coverage;
  /** Gate cases not reached. */
  readonly missing: readonly string[];
  /** Whether the gate applies: it is calibrated for the default budget, so smaller runs and replays only report. */
  readonly gateEnforced: boolean;
  readonly failure: CoreFailure | null;
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
  readonly run: (opts: SuiteRunOptions) => SuiteResult;
}

const timed = <T>(f: () => T): { readonly value: T; readonly ms: number } => {
  const t0 = performance.now();
  const value = f();
  return { value, ms: performance.now() - t0 };
};

/** Every suite, in the order `run` runs them. */
export const SUITES: readonly Suite[] = [
  {
    name: "core",
    description: "the optimized core (impl/) against the spec: results, notifications, refcounts, invariants",
    defaultRuns: DEFAULT_CORE_RUNS,
    run: (opts) => {
      const { value: r, ms } = timed(() => runCoreSuite({
        makeCore: (c) => createImplCore(c),
        ...(opts.runs === undefined ? {} : { numRuns: opts.runs }),
        ...(opts.seed === undefined ? {} : { seed: opts.seed }),
        ...(opts.path === undefined ? {} : { path: opts.path }),
      }));
      const gateEnforced = opts.path === undefined && r.runs >= DEFAULT_CORE_RUNS;
      return { suite: "core", implementation: "impl", runs: r.runs, commands: r.commands, coverage: r.coverage, missing: r.missing, gateEnforced, failure: r.failure, seed: r.seed, ms };
    },
  },
];
