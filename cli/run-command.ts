/**
 * `ioasid-check run`: run the requested suites and print their results.
 */
import type { SuiteResult } from "../properties/suites.js";
import { passed, SUITES } from "../properties/suites.js";

/** Run suites; the exit code (0 pass, 1 counterexample) and the text or JSON to print. */
export const runSuites = (req: { readonly suites: readonly string[]; readonly runs?: number; readonly seed?: number; readonly path?: string; readonly json: boolean }, print: (s: string) => void): number => {
  const results: SuiteResult[] = [];
  for (const suite of SUITES.filter((s) => req.suites.includes(s.name))) {
    const r = suite.run({
      ...(req.runs === undefined ? {} : { runs: req.runs }),
      ...(req.seed === undefined ? {} : { seed: req.seed }),
      ...(req.path === undefined ? {} : { path: req.path }),
    });
    results.push(r);
    if (!req.json) printText(r, print);
  }
  const failed = results.some((r) => !passed(r));
  if (req.json) print(JSON.stringify(results.map(toJson), null, 2));
  return failed ? 1 : 0;
};

const toJson = (r: SuiteResult) => ({
  suite: r.suite, implementation: r.implementation, runs: r.runs, commands: r.commands, seed: r.seed, ms: Math.round(r.ms),
  passed: passed(r), gateEnforced: r.gateEnforced, missing: r.missing,
  coverage: Object.fromEntries(r.reached), failure: r.failure,
});

const printText = (r: SuiteResult, print: (s: string) => void): void => {
  const status = r.failure !== null ? "COUNTEREXAMPLE" : passed(r) ? "passed" : "GATE NOT REACHED";
  print(`suite ${r.suite} on ${r.implementation}: ${status} — ${r.runs} runs, ${r.commands} commands, ${(r.ms / 1000).toFixed(1)} s, seed ${r.seed}`);
  print(r.coverageText);
  if (!r.gateEnforced && r.missing.length > 0) print("(the coverage gate applies from the default budget up; this run was smaller, or a replay)");
  if (r.failure !== null) print(r.failureText);
  print("");
};
