/**
 * The report of one stored trace (`ioasid-check show FILE --format html`): a summary naming the
 * trace and its replay command, no suites, and the trace as its one counterexample.
 */
import type { Trace } from "../counterexamples/trace.js";
import type { ReportData } from "./types.js";
import { anchorId, reportCounterexample } from "./build-counterexample.js";

/** The report of `trace`, read from `file`. */
export const traceReport = (file: string, trace: Trace): ReportData => {
  const t0 = performance.now();
  const name = file.split(/[\\/]/).at(-1) ?? file;
  const cx = reportCounterexample({
    id: anchorId("cx", name.replace(/\.json$/, "")), title: `${trace.suite} trace ${name}`, implementation: trace.implementation,
    trace, replay: [`ioasid-check replay ${file}`],
  });
  return {
    title: `ioasid-check trace ${name}`,
    summary: {
      command: `ioasid-check show ${file} --format html`, target: trace.implementation, seed: trace.seed,
      ms: performance.now() - t0, result: trace.violation === null ? "pass" : "fail", suites: [], stored: null,
    },
    counterexamples: [cx],
  };
};
