/**
 * The report of `ioasid-check validate`: the core and system suites on a user's core.
 *
 * Rules:
 *  1. A core failure becomes a trace of the user's commands with the numbers the user's core
 *     returned (`values`, replayed on a fresh core without checks), so the timeline follows the
 *     core's own allocation choices; its violation is the suite's divergence.
 *  2. A system failure becomes a trace on the correct drivers (the user's core under them is
 *     what failed); its violation kind is the property that failed.
 *  3. Replay commands are the ones the CLI printed for that suite; none printed leaves the list
 *     empty (the seed and path are shown).
 *  4. These traces are not shrunk here (shrinking replays on the user's core many times):
 *     `validate` stores each finding, and `ioasid-check shrink` shrinks it on that core.
 *  5. The suites' time is not measured apart by validate: their rows show none, the summary the
 *     whole command's.
 */
import type { Command } from "../api/commands.js";
import type { IoasidCore } from "../api/core.js";
import { CoreDriver } from "../properties/core/driver.js";
import { CORE_GATE } from "../properties/core/coverage.js";
import { DEFAULT_CAPACITY } from "../properties/core/suite.js";
import { SYSTEM_GATE } from "../properties/suites.js";
import type { ValidationReport } from "../targets/validate.js";
import type { CoreTrace, SystemTrace } from "../counterexamples/trace.js";
import { TRACE_FORMAT, TRACE_VERSION } from "../counterexamples/trace.js";
import type { ReportCounterexample, ReportData, SuiteSummary } from "./types.js";
import { reportCounterexample } from "./build-counterexample.js";

/** What `validate` knows at its end. */
export interface ValidateInput {
  readonly command: string;
  /** The core as the user named it (module path or command line). */
  readonly who: string;
  readonly ms: number;
  readonly report: ValidationReport;
  /** Rule 3. */
  readonly replay: { readonly core: readonly string[]; readonly system: readonly string[] };
  /** Rule 1: a fresh core of the user's implementation, to read the numbers it returns. */
  readonly makeCore?: (config: { readonly capacity: number }) => IoasidCore;
}

/** Rule 1: the number each command returned on a fresh core (null after a crash). */
export const valuesOn = (make: (config: { readonly capacity: number }) => IoasidCore, capacity: number, commands: readonly Command[]): readonly (number | null)[] => {
  const values: (number | null)[] = [];
  try {
    const driver = new CoreDriver(make({ capacity }));
    for (const c of commands) {
      const o = driver.run(c);
      values.push(o.result.ok && typeof o.result.value === "number" ? o.result.value : null);
    }
  } catch {
    // A core that crashes answers nothing more: the rest stay null.
  }
  return [...values, ...commands.slice(values.length).map(() => null)];
};

const provenance = (seed: number, path: string, note: string) =>
  ({ format: TRACE_FORMAT, version: TRACE_VERSION, seed, path, expect: "pass", note } as const);

/** Rules 1 to 5. */
export const validateReport = (v: ValidateInput): ReportData => {
  const suites: SuiteSummary[] = [];
  const cxs: ReportCounterexample[] = [];
  const { core, system } = v.report;
  if (core !== null) {
    const f = core.failure;
    suites.push({
      name: "core", implementation: v.who, runs: core.runs, commands: core.commands, ms: null, seed: core.seed,
      result: f !== null ? "counterexample" : "passed", reached: core.coverage.entries(), gate: CORE_GATE, missing: core.missing, gateEnforced: false,
    });
    if (f !== null && f.commands.length > 0) {
      const trace: CoreTrace = {
        ...provenance(f.seed, f.path, `found by ioasid-check validate on ${v.who}`), suite: "core", implementation: "spec", capacity: DEFAULT_CAPACITY,
        commands: f.commands, values: v.makeCore === undefined ? f.commands.map(() => null) : valuesOn(v.makeCore, DEFAULT_CAPACITY, f.commands),
        violation: { step: f.failedStep, kind: f.divergence.kind, detail: f.divergence.detail },
      };
      cxs.push(reportCounterexample({ id: "cx-core", title: "core suite counterexample", implementation: v.who, trace, replay: v.replay.core, shrinkUpTo: 0 }));
    }
  }
  if (system !== null) {
    const f = system.failure;
    const reached = [...system.reached].sort(([a], [b]) => a.localeCompare(b));
    suites.push({
      name: "system", implementation: v.who, runs: system.runs, commands: system.commands, ms: null, seed: system.seed,
      result: f !== null ? "counterexample" : "passed", reached, gate: SYSTEM_GATE,
      missing: SYSTEM_GATE.filter((k) => (system.reached.get(k) ?? 0) === 0), gateEnforced: false,
    });
    if (f !== null) {
      const kind = /^([a-z]+): /.exec(f.detail)?.[1] ?? "error";
      const trace: SystemTrace = {
        ...provenance(f.seed, f.path, `found by ioasid-check validate on ${v.who}`), suite: "system", implementation: "impl",
        commands: f.commands, values: f.commands.map(() => null), violation: { step: f.failedStep, kind, detail: f.detail },
      };
      cxs.push(reportCounterexample({ id: "cx-system", title: "system suite counterexample", implementation: v.who, trace, replay: v.replay.system, shrinkUpTo: 0 }));
    }
  }
  return {
    title: `ioasid-check validate ${v.who}`,
    summary: { command: v.command, target: v.who, seed: core?.seed ?? system?.seed ?? null, ms: v.ms, result: cxs.length === 0 && suites.every((s) => s.result === "passed") ? "pass" : "fail", suites, stored: null },
    counterexamples: cxs,
  };
};
