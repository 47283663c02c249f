/**
 * The report of `ioasid-check run`: the merged suites, the stored counterexamples that fail
 * again, and each new counterexample as a trace.
 *
 * Rules:
 *  1. A suite's failure is the trace written to the store, read back; when none was written (a
 *     --path replay), the trace the store would record (counterexamples/record.ts: replayed on
 *     the bundled implementation for its values and violation).
 *  2. Its replay commands are the ones the CLI prints: the `replay:` line of the suite's failure
 *     text, then `ioasid-check replay FILE` when it was written to the store.
 *  3. A stored counterexample failing again is read from its file and replayed now (its
 *     violation is today's), with `ioasid-check replay FILE` as its replay command.
 */
import * as t from "io-ts";
import { Command } from "../api/commands.js";
import { SystemCommand } from "../hw-model/system/commands.js";
import { DEFAULT_CAPACITY } from "../properties/core/suite.js";
import { coreTrace, systemTrace } from "../counterexamples/record.js";
import { readTrace } from "../counterexamples/store.js";
import type { Trace } from "../counterexamples/trace.js";
import type { ReportCounterexample, ReportData, SuiteSummary } from "./types.js";
import { anchorId, reportCounterexample } from "./build-counterexample.js";

/** A merged suite as `run` has it (cli/run/merge.ts `MergedSuite` fits). */
export interface RunSuiteInput {
  readonly suite: { readonly name: string; readonly gate: readonly string[] };
  readonly runs: number;
  readonly commands: number;
  readonly reached: ReadonlyArray<readonly [string, number]>;
  readonly missing: readonly string[];
  readonly gateEnforced: boolean;
  readonly failure: { readonly seed: number; readonly path: string; readonly commands: readonly unknown[] } | null;
  readonly failureText: string;
  readonly ms: number;
}

/** What `run` knows at its end. */
export interface RunInput {
  readonly command: string;
  readonly seed: number;
  readonly ms: number;
  readonly suites: readonly RunSuiteInput[];
  readonly stored: { readonly replayed: number; readonly failures: readonly { readonly file: string }[] };
  /** Files the new counterexamples were written to, by suite name. */
  readonly written: ReadonlyMap<string, string>;
}

/** Rule 2: the `replay:` line of a failure text. */
export const replayLine = (failureText: string): string | null => {
  const line = failureText.split("\n").find((l) => l.startsWith("replay: "));
  return line === undefined ? null : line.slice("replay: ".length).trim();
};

/** Rule 1: the failure of a suite as a trace, or null when its commands do not decode. */
export const failureTrace = (suite: string, f: NonNullable<RunSuiteInput["failure"]>): Trace | null => {
  const provenance = { implementation: "impl", seed: f.seed, path: f.path, expect: "pass" as const, note: `found by ioasid-check run --suite ${suite}` };
  if (suite === "core") {
    const cmds = t.array(Command).decode(f.commands);
    return cmds._tag === "Left" ? null : coreTrace(provenance, DEFAULT_CAPACITY, cmds.right);
  }
  const cmds = t.array(SystemCommand).decode(f.commands);
  return cmds._tag === "Left" ? null : systemTrace(provenance, cmds.right);
};

/** A suite's row. */
export const runSuiteSummary = (m: RunSuiteInput, seed: number): SuiteSummary => ({
  name: m.suite.name, implementation: m.suite.name === "core" ? "impl" : "impl + spec twin", runs: m.runs, commands: m.commands, ms: m.ms, seed,
  result: m.failure !== null ? "counterexample" : m.gateEnforced && m.missing.length > 0 ? "gate not reached" : "passed",
  reached: m.reached, gate: m.suite.gate, missing: m.missing, gateEnforced: m.gateEnforced,
});

/** Rules 1 to 3. */
export const runReport = (r: RunInput): ReportData => {
  const cxs: ReportCounterexample[] = [];
  for (const f of r.stored.failures) {
    const name = f.file.split(/[\\/]/).at(-1) ?? f.file;
    const trace = readTrace(f.file);
    cxs.push(reportCounterexample({
      id: anchorId("stored", name.replace(/\.json$/, "")), title: `stored counterexample ${name} fails again`, implementation: trace.implementation,
      trace, replay: [`ioasid-check replay ${f.file}`], replayNow: true,
    }));
  }
  for (const m of r.suites) {
    const file = r.written.get(m.suite.name);
    const trace = m.failure === null ? null : file !== undefined ? readTrace(file) : failureTrace(m.suite.name, m.failure);
    if (trace === null) continue;
    const line = replayLine(m.failureText);
    cxs.push(reportCounterexample({
      id: anchorId("cx", m.suite.name), title: `${m.suite.name} suite counterexample`, implementation: "impl", trace,
      replay: [...(line === null ? [] : [line]), ...(file === undefined ? [] : [`ioasid-check replay ${file}`])],
    }));
  }
  const failed = r.suites.some((m) => runSuiteSummary(m, r.seed).result !== "passed") || r.stored.failures.length > 0;
  return {
    title: "ioasid-check run",
    summary: {
      command: r.command, target: "the bundled implementation (impl)", seed: r.seed, ms: r.ms, result: failed ? "fail" : "pass",
      suites: r.suites.map((m) => runSuiteSummary(m, r.seed)), stored: { replayed: r.stored.replayed, failed: r.stored.failures.length },
    },
    counterexamples: cxs,
  };
};
