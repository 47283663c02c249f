/**
 * `ioasid-check run`: replay the stored counterexamples, run the suites in chunks (on worker
 * threads with --workers, one shard with --shard), merge, print the summary, write new
 * counterexamples to the store, and with --html the HTML report. Exit 0 pass, 1 counterexample.
 */
import { writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import type { Suite } from "../properties/suites.js";
import { SUITES } from "../properties/suites.js";
import { defaultWorkers, planChunks } from "./run/plan.js";
import { executeChunks } from "./run/execute.js";
import { mergeChunks, mergedPassed } from "./run/merge.js";
import type { MergedSuite } from "./run/merge.js";
import { formatSummary } from "./run/summary.js";
import { progressFor } from "./run/progress.js";
import { replayStore } from "./run/stored.js";
import { recordFailures } from "./run/record-failure.js";
import type { PlannedShardFile } from "./merge-shards.js";
import type { Request } from "./args.js";
import { runReport } from "../report/index.js";
import { commandLine, writeHtmlReport } from "./html-report.js";
import { DEFAULT_FINDINGS, replayFindings } from "./findings.js";
import { failureJson, replayIn } from "./failure-json.js";
import { UsageError } from "./args.js";
import { StoreWriteError } from "../counterexamples/store.js";

type RunRequest = Extract<Request, { kind: "run" }>;

/** The JSON form of a merged suite. */
export const mergedJson = (m: MergedSuite) => ({
  suite: m.suite.name, runs: m.runs, commands: m.commands, ms: Math.round(m.ms), chunks: m.chunks,
  passed: mergedPassed(m), gateEnforced: m.gateEnforced, missing: m.missing,
  coverage: Object.fromEntries(m.reached), failure: m.failure === null ? null : failureJson(m.failure, replayIn(m.failureText)),
});

/** Print merged suites as text. */
export const printMerged = (merged: readonly MergedSuite[], print: (s: string) => void): void => {
  for (const m of merged) {
    print(`suite ${m.suite.name}: ${m.failure !== null ? "COUNTEREXAMPLE" : mergedPassed(m) ? "passed" : "GATE NOT REACHED"} — ${m.runs} runs, ${m.commands} commands`);
    const coverage = m.suite.formatCoverage(m.reached, m.missing);
    print(m.failure === null ? coverage : coverage.replace(/^coverage gate: .*$/m, "coverage gate: not judged (the run stopped at a counterexample)"));
    if (!m.gateEnforced && m.missing.length > 0) print("(the coverage gate applies from the default budget up; this run was smaller, time-limited, a shard or a replay)");
    if (m.failure !== null) print(m.failureText);
    print("");
  }
};

/** How long the suites ran (wall clock), against the time budget if one was given. */
const ranFor = (wallMs: number, workers: number, timeMs: number | undefined, raised: boolean): string =>
  `ran for ${(wallMs / 1000).toFixed(1)} s (wall clock) on ${workers} thread${workers === 1 ? "" : "s"}` +
  (timeMs === undefined ? "" : `; time budget ${(timeMs / 1000).toFixed(timeMs < 1000 ? 3 : 1)} s per suite${raised ? ", raised to one run where it was too small for one" : ""}`);

const randomSeed = (): number => (Date.now() ^ Math.floor(Math.random() * 0x100000000)) | 0;

/** Run; the exit code. */
export const runCommand = async (req: RunRequest, print: (s: string) => void): Promise<number> => {
  const started = performance.now();
  const suites: readonly Suite[] = SUITES.filter((s) => req.suites.includes(s.name));
  const corpus = req.path === undefined ? replayStore(req.store, req.suites) : { replayed: 0, failures: [] };
  // The local findings of the bundled core (cli/findings.ts rule 3), replayed like the corpus.
  const local = req.path === undefined && req.store !== DEFAULT_FINDINGS ? replayFindings(DEFAULT_FINDINGS, { kind: "bundled", name: "impl" }, null, req.suites) : { replayed: 0, failures: [] };
  const stored = { replayed: corpus.replayed + local.replayed, failures: [...corpus.failures, ...local.failures] };
  for (const f of stored.failures) print(`stored counterexample ${f.file} fails again at step ${f.step + 1}: ${f.detail}`);
  const seed = req.seed ?? randomSeed();
  const budget = { suites, ...(req.runs === undefined ? {} : { runs: req.runs }), ...(req.timeMs === undefined ? {} : { timeMs: req.timeMs }), ...(req.path === undefined ? {} : { path: req.path }) };
  const workers = req.workers ?? defaultWorkers({ ...budget, cpus: availableParallelism() });
  if (!req.json) print(`seed ${seed}${req.shard === undefined ? "" : `, shard ${req.shard.k}/${req.shard.n}`}, ${workers} worker${workers === 1 ? "" : "s"}`);
  const chunks = planChunks({ ...budget, seed, workers, ...(req.shard === undefined ? {} : { shard: req.shard }) });
  const runStarted = performance.now();
  const quiet = { chunkDone: () => undefined, finish: () => undefined }; // one replayed case needs no progress
  const results = await executeChunks(chunks, workers, req.path === undefined ? progressFor(process.stderr) : quiet);
  const wallMs = performance.now() - runStarted;
  for (const suite of new Set(results.filter((r) => r.raised === true).map((r) => r.suite))) {
    process.stderr.write(`suite ${suite}: the time budget ended before a run completed; raised to one run\n`);
  }
  if (req.path !== undefined && req.seed !== undefined && results.every((r) => r.runs === 0)) {
    throw new UsageError(`--path ${req.path} names no generated case of suite ${req.suites.join(", ")} with seed ${req.seed}`);
  }
  if (req.shard !== undefined) {
    const shard: PlannedShardFile = {
      format: "ioasid-check-shard", version: 1, seed, shard: req.shard, chunks: [...results],
      plan: { suites: suites.map((s) => s.name), runs: req.runs ?? null, timeMs: req.timeMs ?? null },
    };
    const text = JSON.stringify(shard);
    if (req.out !== undefined) {
      try {
        writeFileSync(req.out, `${text}\n`);
      } catch (e) {
        throw new StoreWriteError(req.out, e instanceof Error ? e.message : String(e));
      }
    }
    else print(text);
    if (req.out !== undefined && !req.json) print(`shard ${req.shard.k}/${req.shard.n} written to ${req.out}: combine with 'ioasid-check merge'`);
    return results.some((r) => r.failure !== null) || stored.failures.length > 0 ? 1 : 0;
  }
  const merged = mergeChunks(suites, results, req.path !== undefined);
  const recorded = req.path === undefined ? recordFailures(req.store, merged) : { written: [], errors: [] };
  const writtenBy = recorded.written;
  const written = writtenBy.map(([, f]) => f);
  if (req.json) {
    print(JSON.stringify({ seed, workers, wallMs: Math.round(wallMs), stored: { replayed: stored.replayed, failures: stored.failures }, suites: merged.map(mergedJson), written, storeErrors: recorded.errors }, null, 2));
  } else {
    printMerged(merged, print);
    for (const f of written) print(`counterexample written to ${f} (replay: ioasid-check replay ${f}; render: ioasid-check show ${f})`);
    print(formatSummary(merged, { replayed: stored.replayed, failed: stored.failures.length }));
    print(ranFor(wallMs, workers, req.timeMs, results.some((r) => r.raised === true)));
  }
  for (const e of recorded.errors) process.stderr.write(`ioasid-check: ${e}\n`);
  const code = merged.every(mergedPassed) && stored.failures.length === 0 ? 0 : 1;
  if (req.html === undefined) return code;
  const data = runReport({ command: commandLine(process.argv.slice(2)), seed, ms: performance.now() - started, suites: merged, stored, written: new Map(writtenBy) });
  return writeHtmlReport(req.html, data, code, print, req.json);
};
