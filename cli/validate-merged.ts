/**
 * A validation's suites in the shape of `run`'s merged results, so `validate` prints the same
 * summary table and the same --json schema as `run` (cli/run/summary.ts, run-command.ts).
 *
 * Rules:
 *  1. The coverage gate applies when the suite ran its default budget (no --runs): a user's core
 *     that refuses most calls does not "pass" without reaching the cases that matter.
 *  2. The failure is the suite's counterexample with its seed, path, commands and failing step;
 *     a core divergence's detail is `kind: detail`, as in `run`. Its text has no replay line:
 *     the stored finding's `replay` command (printed by validate) is the way to replay it.
 */
import type { MergedSuite } from "./run/merge.js";
import { SUITES } from "../properties/suites.js";
import type { ValidationReport } from "../targets/validate.js";
import { formatFailure } from "../properties/core/report.js";
import { FAULT_GATE } from "../properties/core/coverage.js";
import { FAULT_FEATURE } from "../api/faults.js";

/** The replay hint of formatFailure, whose line rule 2 drops. */
const CORE_REPLAY_HINT = "npx ioasid-check validate --suite core";

const withoutReplayLine = (text: string): string => text.split("\n").filter((l) => !l.startsWith("replay: ")).join("\n").trimEnd();

/** The core gate without the fault-injection cases when the core does not offer failNth (D32). */
const gateFor = (gate: readonly string[], unchecked: readonly string[]): readonly string[] =>
  unchecked.includes(FAULT_FEATURE) ? gate.filter((k) => !FAULT_GATE.includes(k)) : gate;

const suiteNamed = (name: string) => {
  const s = SUITES.find((x) => x.name === name);
  if (s === undefined) throw new Error(`no suite ${name}`);
  return s;
};

const systemFailureText = (f: NonNullable<NonNullable<ValidationReport["system"]>["failure"]>): string =>
  [...f.commands.map((c, i) => `${i === f.failedStep ? ">>" : "  "} ${String(i + 1).padStart(2)}. ${JSON.stringify(c)}`), `   ${f.detail}`].join("\n");

/** Rules 1 and 2. */
export const validationMerged = (r: ValidationReport, defaultBudget: boolean): readonly MergedSuite[] => {
  const out: MergedSuite[] = [];
  if (r.core !== null) {
    const suite = suiteNamed("core");
    const f = r.core.failure;
    const reached = r.core.coverage.entries();
    const hit = new Set(reached.filter(([, n]) => n > 0).map(([k]) => k));
    out.push({
      suite, runs: r.core.runs, commands: r.core.commands, reached,
      missing: gateFor(suite.gate, r.core.unchecked).filter((k) => !hit.has(k)),
      gateEnforced: defaultBudget && f === null && r.core.runs >= suite.defaultRuns,
      failure: f === null ? null : { seed: f.seed, path: f.path, commands: [...f.commands], failedStep: f.failedStep, detail: `${f.divergence.kind}: ${f.divergence.detail}` },
      failureText: f === null ? "" : withoutReplayLine(formatFailure(f, CORE_REPLAY_HINT)),
      ms: r.ms?.core ?? 0, chunks: 1,
    });
  }
  if (r.system !== null) {
    const suite = suiteNamed("system");
    const f = r.system.failure;
    const reached = [...r.system.reached].sort(([a], [b]) => a.localeCompare(b));
    out.push({
      suite, runs: r.system.runs, commands: r.system.commands, reached,
      missing: suite.gate.filter((k) => (r.system?.reached.get(k) ?? 0) === 0),
      gateEnforced: defaultBudget && f === null && r.system.runs >= suite.defaultRuns,
      failure: f === null ? null : { seed: f.seed, path: f.path, commands: [...f.commands], failedStep: f.failedStep, detail: f.detail },
      failureText: f === null ? "" : systemFailureText(f),
      ms: r.ms?.system ?? 0, chunks: 1,
    });
  }
  return out;
};
