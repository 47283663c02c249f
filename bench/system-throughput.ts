/**
 * System-suite throughput: checked system commands per second. Each command runs on two systems
 * (one on the spec core, one on impl), with every system property checked on both after every
 * step, plus the teardown and leak check at the end of each run.
 */
import { runSystemSuite } from "../properties/system/suite.js";
import { createImplCore } from "../impl/index.js";
import type { ThroughputRow } from "./suite-throughput.js";

/** One measured row, after a warm-up. */
export const runSystemBench = (runs = 1000): ThroughputRow => {
  runSystemSuite({ makeCore: () => createImplCore(), numRuns: 100, seed: 2 });
  const t0 = performance.now();
  const r = runSystemSuite({ makeCore: () => createImplCore(), numRuns: runs, seed: 1 });
  const ms = performance.now() - t0;
  if (r.failure !== null) throw new Error(`the system suite failed while benchmarking: ${r.failure.detail}`);
  return { name: "system suite (checked commands, spec + impl twins)", commands: r.commands, ms, perSecond: r.commands / (ms / 1000) };
};
