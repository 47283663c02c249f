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
  /** Replay one case of the one suite: the path its counterexample printed. */
  readonly path?: string;
}

/** Both reports (a suite not run is null). */
export interface ValidationReport {
  readonly core: CoreSuiteReport | null;
  readonly system: SystemSuiteReport | null;
}

/** Run the suites on `make`. */
export const validateCore = (make: (config: { readonly capacity: number }) => IoasidCore, opts: ValidateOptions): ValidationReport => {
  const budget = { ...(opts.runs === undefined ? {} : { numRuns: opts.runs }), ...(opts.seed === undefined ? {} : { seed: opts.seed }), ...(opts.path === undefined ? {} : { path: opts.path }) };
  return {
    core: opts.suites.includes("core") ? runCoreSuite({ makeCore: (c) => make(c), ...budget }) : null,
    system: opts.suites.includes("system") ? runSystemSuite({ makeCore: () => make({ capacity: SYSTEM_CAPACITY }), ...budget }) : null,
  };
};
