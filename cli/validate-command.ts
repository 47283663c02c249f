/**
 * `ioasid-check validate`: run the suites against a user's implementation — a JavaScript module
 * (--impl), a process in any language (--exec), or a kernel C file built with the kit
 * (--kernel-c, run as a process) — or run the gallery of broken variants (--mutants).
 *
 * Rules:
 *  1. The core is opened first (cli/core-target.ts): one that cannot be opened is one line,
 *     exit 2, before anything runs.
 *  2. The findings of this core in the local store (cli/findings.ts; --store DIR) are replayed
 *     first, like `run` replays the corpus; one that does not pass is reported and fails the run.
 *  3. Each suite prints its header, coverage and counterexample, then the summary table of `run`
 *     (runs, commands, coverage, failures, time); --json gives run's schema with the core's name.
 *  4. A counterexample is recorded (counterexamples/record.ts) on the same core and written to the
 *     store, naming that core, so `replay`, `shrink` and `show` rebuild it.
 *  5. At the default budget (no --runs) the coverage gate applies as in `run`: a gate case not
 *     reached is a "coverage gap" listing the cases, exit 1.
 *  6. --report FILE runs the conformance pass (cli/conformance-report.ts) and writes it; with
 *     --html the HTML report gains its conformance section.
 *  Exit 0 pass, 1 counterexample or coverage gap, 2 unusable input.
 */
import { runGallery } from "../gallery/run-gallery.js";
import { formatScorecard, judgeGoals } from "../gallery/scorecard.js";
import { validateCore } from "../targets/validate.js";
import type { Request } from "./args.js";
import { validateReport, conformanceSection } from "../report/index.js";
import { commandLine, writeHtmlReport } from "./html-report.js";
import type { CoreTarget, OpenedCore } from "./core-target.js";
import { openTarget } from "./core-target.js";
import { findingsDir, replayFindings } from "./findings.js";
import { recordFindings } from "./record-findings.js";
import { validationMerged } from "./validate-merged.js";
import { mergedJson } from "./run-command.js";
import { formatSummary } from "./run/summary.js";
import { mergedPassed } from "./run/merge.js";
import type { MergedSuite } from "./run/merge.js";
import { conformanceReport, writeConformance } from "./conformance-report.js";
import { DECISIONS } from "../spec/decisions.js";
import { uncheckedLines } from "../properties/core/report.js";

type ValidateRequest = Extract<Request, { kind: "validate" }>;

const randomSeed = (): number => (Date.now() ^ Math.floor(Math.random() * 0x100000000)) | 0;

const printSuites = (who: string, merged: readonly MergedSuite[], seed: number, unchecked: readonly string[], print: (s: string) => void): void => {
  for (const m of merged) {
    print(`${m.suite.name} suite on ${who}: ${m.failure !== null ? "COUNTEREXAMPLE" : mergedPassed(m) ? "passed" : "COVERAGE GAP"} — ${m.runs} runs, ${m.commands} commands, seed ${seed}`);
    // A failing suite stopped early: its unreached gate cases say nothing, so they are not listed.
    const coverage = m.suite.formatCoverage(m.reached, m.missing);
    print(m.failure === null ? coverage : coverage.split("\n").filter((l) => !l.startsWith("coverage gate:")).join("\n"));
    if (m.suite.name === "core") for (const line of uncheckedLines(unchecked)) print(line);
    if (m.failure !== null) print(m.failureText);
    print("");
  }
};

const targetOf = (t: Exclude<ValidateRequest["target"], { readonly kind: "mutants" }>): CoreTarget => t;

/** Rules 1 to 6. */
export const validateCommand = async (req: ValidateRequest, print: (s: string) => void): Promise<number> => {
  const t = req.target;
  if (t.kind === "mutants") {
    const rows = runGallery(req.seed === undefined ? {} : { seeds: [req.seed] });
    if (req.json) print(JSON.stringify({ rows, goals: judgeGoals(rows) }, null, 2));
    else print(formatScorecard(rows));
    return judgeGoals(rows).every((g) => g.pass) ? 0 : 1;
  }
  const started = performance.now();
  const target = targetOf(t);
  const opened: OpenedCore = await openTarget(target);
  try {
    const dir = findingsDir(req.store);
    const stored = replayFindings(dir, target, opened, req.suites);
    if (!req.json) for (const f of stored.failures) print(`stored counterexample ${f.file} fails again at step ${f.step + 1}: ${f.detail}`);
    const seed = req.seed ?? randomSeed();
    const report = validateCore(opened.make, { suites: req.suites, seed, ...(req.runs === undefined ? {} : { runs: req.runs }) });
    const merged = validationMerged(report, req.runs === undefined);
    const writtenBy = recordFindings(dir, merged, target, opened);
    const written = writtenBy.map(([, f]) => f);
    const gaps = merged.filter((m) => m.failure === null && !mergedPassed(m));
    const conformance = req.report === undefined ? null : conformanceReport(opened, target, dir, { seed, ...(req.runs === undefined ? {} : { runs: req.runs }) });
    if (req.json) {
      print(JSON.stringify({
        implementation: opened.who, seed, unchecked: report.core?.unchecked ?? [], stored: { replayed: stored.replayed, failures: stored.failures }, suites: merged.map(mergedJson), written,
        ...(conformance === null ? {} : { conformance: { file: req.report, summary: conformance.summary, departing: conformance.departing, stored: conformance.groups.flatMap((g) => (g.trace === null ? [] : [g.trace])) } }),
      }, null, 2));
    } else {
      printSuites(opened.who, merged, seed, report.core?.unchecked ?? [], print);
      for (const f of written) print(`counterexample written to ${f} (replay: ioasid-check replay ${f}; shrink: ioasid-check shrink ${f}; render: ioasid-check show ${f})`);
      print(formatSummary(merged, { replayed: stored.replayed, failed: stored.failures.length }));
      for (const m of gaps) print(`coverage gap: the ${m.suite.name} suite's default budget did not reach ${m.missing.join(", ")}`);
    }
    if (conformance !== null && req.report !== undefined) {
      writeConformance(req.report, conformance);
      if (!req.json) print(`conformance report written to ${req.report}: ${conformance.summary}`);
    }
    const code = merged.every(mergedPassed) && stored.failures.length === 0 && (conformance === null || conformance.departing === 0) ? 0 : 1;
    if (req.html === undefined) return code;
    const replayOf = (suite: string) => writtenBy.filter(([s]) => s === suite).map(([, f]) => `ioasid-check replay ${f}`);
    const replay = { core: replayOf("core"), system: replayOf("system") };
    const data = validateReport({ command: commandLine(process.argv.slice(2)), who: opened.who, ms: performance.now() - started, report, replay, makeCore: opened.make });
    const withConformance = conformance === null ? data : { ...data, conformance: conformanceSection(opened.who, conformance.ledger.rows(DECISIONS)) };
    return writeHtmlReport(req.html, withConformance, code, print, req.json);
  } finally {
    opened.close();
  }
};
