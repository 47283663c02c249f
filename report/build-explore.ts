/**
 * The report of `ioasid-check explore --html FILE`: the summary, the exploration section
 * (scope, target, depth, distinct states, transitions, whether it is complete) and the shortest
 * counterexample of the scope, if one was found, as a timeline.
 *
 * Rules:
 *  1. The exploration is complete unless the time budget or the state bound stopped it.
 *  2. The counterexample is drawn from the spec's side with the violation the exploration saw;
 *     it is already a shortest one of the scope, so it is not shrunk again.
 */
import type { ExploreResult } from "../explore/result.js";
import type { CoreTrace } from "../counterexamples/trace.js";
import { TRACE_FORMAT, TRACE_VERSION } from "../counterexamples/trace.js";
import type { ExploreSection, ReportData } from "./types.js";
import { reportCounterexample } from "./build-counterexample.js";

/** What `explore` knows at its end. */
export interface ExploreInput {
  readonly command: string;
  readonly result: ExploreResult;
  /** The scope in words, as the command printed it. */
  readonly scope: string;
}

/** Rule 1. */
export const exploreSection = (r: ExploreResult, scope: string, counterexample: string | null): ExploreSection => ({
  scope, target: r.target, depth: r.depth, distinctStates: r.distinctStates, transitions: r.transitions, ms: r.ms,
  complete: r.stoppedBy !== "time" && r.stoppedBy !== "states", counterexample,
});

/** Rules 1 and 2. */
export const exploreReport = (i: ExploreInput): ReportData => {
  const r = i.result;
  const cx = r.counterexample;
  const trace: CoreTrace | null = cx === null ? null : {
    format: TRACE_FORMAT, version: TRACE_VERSION, suite: "core", implementation: "spec", seed: null, path: null, capacity: r.scope.capacity,
    commands: cx.commands, values: cx.commands.map(() => null), expect: "pass", note: `shortest counterexample of explore scope ${r.scope.name} on ${r.target}`,
    violation: { step: cx.commands.length - 1, kind: cx.kind, detail: cx.detail },
  };
  const id = "cx-explore";
  return {
    title: `ioasid-check explore: scope ${r.scope.name} on ${r.target}`,
    summary: { command: i.command, target: r.target, seed: null, ms: r.ms, result: cx === null ? "pass" : "fail", suites: [], stored: null },
    counterexamples: trace === null ? [] : [reportCounterexample({ id, title: `shortest counterexample of scope ${r.scope.name}`, implementation: r.target, trace, replay: [], shrinkUpTo: 0 })],
    explore: exploreSection(r, i.scope, trace === null ? null : id),
  };
};
