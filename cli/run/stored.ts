/**
 * The failure database: before new runs, every stored trace of the requested suites is replayed
 * on the implementation it names; one that no longer shows what it expects (a fixed bug failing
 * again, a known broken variant no longer caught, or caught in another failure) is reported;
 * a trace naming an unknown implementation is an input error.
 */
import { listTraces, readTrace, TraceFileError } from "../../counterexamples/store.js";
import { replayTrace } from "../../counterexamples/replay.js";
import { mismatch, unknownImplementation } from "../../counterexamples/expected-failure.js";
import type { Trace } from "../../counterexamples/trace.js";

/** One stored trace that fails on the implementation under test. */
export interface StoredFailure {
  readonly file: string;
  readonly step: number;
  readonly detail: string;
}

/** Replay the store: how many traces, and which fail. Unreadable files are input errors. */
export const replayStore = (dir: string, suites: readonly string[]): { readonly replayed: number; readonly failures: readonly StoredFailure[] } => {
  const failures: StoredFailure[] = [];
  let replayed = 0;
  for (const file of listTraces(dir)) {
    const t: Trace = readTrace(file);
    if (!suites.includes(t.suite)) continue;
    const unknown = unknownImplementation(t);
    if (unknown !== null) throw new TraceFileError(file, unknown);
    replayed++;
    const r = replayTrace(t);
    const differs = mismatch(t, r);
    if (differs !== null) failures.push({ file, step: r.step, detail: r.status === "fail" ? `${r.detail}${t.expect === "fail" ? ` [${differs}]` : ""}` : `expected to fail on ${t.implementation}, but it passes` });
  }
  return { replayed, failures };
};

export { TraceFileError };
