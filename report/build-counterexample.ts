/**
 * Building a report's counterexample from a trace: its timeline, the diverging step's two sides,
 * and how far `ioasid-check shrink` takes it.
 *
 * Rules:
 *  1. The drawn trace is the one given (the one its replay commands reproduce); the timeline is
 *     replayed on the spec (counterexamples/show).
 *  2. With `replayNow`, the violation is the one a fresh replay on the trace's implementation
 *     shows (a stored trace failing again may fail differently from what it recorded).
 *  3. The shrunk length comes from `shrinkTrace` when the trace has at most `shrinkUpTo` steps
 *     (default SHRINK_UP_TO) and fails; otherwise it is null (not shrunk).
 */
import type { Trace } from "../counterexamples/trace.js";
import { replayTrace } from "../counterexamples/replay.js";
import { buildTimeline } from "../counterexamples/show/index.js";
import { shrinkTrace } from "../counterexamples/shrink/index.js";
import type { ReportCounterexample } from "./types.js";
import { expectedActual } from "./divergence.js";

/** Rule 3: traces up to this many steps are shrunk for their shrunk length. */
export const SHRINK_UP_TO = 60;

/** What a counterexample is built from. */
export interface CounterexampleInput {
  readonly id: string;
  readonly title: string;
  /** The implementation as the user named it (a module path, a command line, "impl"). */
  readonly implementation: string;
  readonly trace: Trace;
  readonly replay: readonly string[];
  /** Rule 2. */
  readonly replayNow?: boolean;
  /** Rule 3; 0 never shrinks. */
  readonly shrinkUpTo?: number;
}

const withFreshViolation = (t: Trace): Trace => {
  const r = replayTrace(t);
  return { ...t, violation: r.status === "fail" ? { step: r.step, kind: r.kind, detail: r.detail } : null };
};

/** Rules 1 to 3. */
export const reportCounterexample = (i: CounterexampleInput): ReportCounterexample => {
  const trace = i.replayNow === true ? withFreshViolation(i.trace) : i.trace;
  const limit = i.shrinkUpTo ?? SHRINK_UP_TO;
  let shrunkSteps: number | null = null;
  if (trace.violation !== null && trace.commands.length <= limit) {
    const s = shrinkTrace(trace);
    if (s.ok) shrunkSteps = s.after;
  }
  return {
    id: i.id, title: i.title, suite: trace.suite, implementation: i.implementation, seed: trace.seed, path: trace.path, replay: i.replay,
    originalSteps: trace.commands.length, shrunkSteps, timeline: buildTimeline(trace),
    divergence: trace.violation === null ? null : expectedActual(trace.violation),
  };
};

/** An anchor id from any text: lower case letters, digits and dashes. */
export const anchorId = (prefix: string, text: string): string =>
  `${prefix}-${text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "x"}`;
