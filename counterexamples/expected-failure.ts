/**
 * What a trace expects, checked whole: `expect: "pass"` must pass; `expect: "fail"` must fail in
 * the failure it names (the step and kind of its stored `violation`; a trace without one, as
 * hand-written ones, accepts any failure). A replay that fails differently is a mismatch.
 * A trace naming a bundled implementation this tool does not have cannot be replayed at all.
 */
import type { Trace } from "./trace.js";
import type { ReplayResult } from "./replay.js";
import { coreNamed, driversNamed } from "./implementations.js";
import { coreSourceOf } from "./trace.js";

/** The failure a trace expects, or null (it expects a pass, or any failure). */
export const expectedFailure = (t: Trace): { readonly step: number; readonly kind: string } | null =>
  t.expect === "fail" && t.violation !== null ? { step: t.violation.step, kind: t.violation.kind } : null;

/** Why the replay does not show what the trace expects, or null when it does. */
export const mismatch = (t: Trace, r: ReplayResult): string | null => {
  if (t.expect === "pass") return r.status === "pass" ? null : `expected pass, got fail at step ${r.step + 1} (${r.kind})`;
  if (r.status === "pass") return "expected fail, got pass";
  const e = expectedFailure(t);
  if (e === null || (e.step === r.step && e.kind === r.kind)) return null;
  return `expected fail at step ${e.step + 1} (${e.kind}), got fail at step ${r.step + 1} (${r.kind})`;
};

/** Why the trace's bundled implementation is unknown, or null (a user's core is opened elsewhere). */
export const unknownImplementation = (t: Trace): string | null => {
  if (coreSourceOf(t).kind !== "bundled") return null;
  const known = t.suite === "core" ? coreNamed(t.implementation) : driversNamed(t.implementation);
  if (typeof known !== "string") return null;
  const name = JSON.stringify(t.implementation);
  return `field implementation: ${name.length > 60 ? known.replace(name, `${name.slice(0, 57)}..." (${name.length} characters)`) : known}`;
};
