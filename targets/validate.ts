/**
 * Validating a user's core: the core conformance suite and the system suite, run on a factory.
 */
import type { IoasidCore } from "../api/core.js";
import { SYSTEM_CAPACITY } from "../api/constants.js";
import { runCoreSuite } from "../properties/core/suite.js";
import type { CoreSuiteReport } from "../properties/core/suite.js";
import { runSystemSuite } from "../properties/system/suite.js";
import type { SystemSuiteReport } from "../properties/system/suite.js";

/** What to run. */
export interface ValidateOptions {
  readonly suites: readonly ("core" | "system")[];
  readonly runs?: number;
  readonly seed?: number;
}

/** Both reports (a suite not run is null), and the time each suite took. */
export interface ValidationReport {
  readonly core: CoreSuiteReport | null;
  readonly system: SystemSuiteReport | null;
  readonly ms?: { readonly core: number; readonly system: number };
}

const timed = <T>(f: () => T): { readonly value: T; readonly ms: number } => {
  const t0 = performance.now();
  const value = f();
  return { value, ms: performance.now() - t0 };
};

/** Run the suites on `make`. */
export const validateCore = (make: (config: { readonly capacity: number }) => IoasidCore, opts: ValidateOptions): ValidationReport => {
  const budget = { ...(opts.runs === undefined ? {} : { numRuns: opts.runs }), ...(opts.seed === undefined ? {} : { seed: opts.seed }) };
  const core = timed(() => (opts.suites.includes("core") ? runCoreSuite({ makeCore: (c) => make(c), ...budget }) : null));
  const system = timed(() => (opts.suites.includes("system") ? runSystemSuite({ makeCore: () => make({ capacity: SYSTEM_CAPACITY }), ...budget }) : null));
  return { core: core.value, system: system.value, ms: { core: core.ms, system: system.ms } };
};
