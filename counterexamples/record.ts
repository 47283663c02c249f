/**
 * Turning a suite's counterexample into a stored trace: the commands, the values they returned
 * (from a replay on the same implementation), the violation, and where it came from — including
 * how to rebuild the core it ran on (trace.ts rule 4). A user's core is replayed on `on`, the
 * factory the caller opened; a bundled one is built from its name.
 */
import type { Command } from "../api/commands.js";
import type { SystemCommand } from "../hw-model/system/commands.js";
import type { CoreSource, CoreTrace, SystemTrace, Violation } from "./trace.js";
import { TRACE_FORMAT, TRACE_VERSION } from "./trace.js";
import type { CoreFactory } from "./implementations.js";
import { SYSTEM_CAPACITY } from "../api/constants.js";
import { replayCore, replaySystem } from "./replay.js";

/** Where a trace came from. */
export interface Provenance {
  readonly implementation: string;
  readonly seed: number | null;
  readonly path: string | null;
  readonly expect: "pass" | "fail";
  readonly note: string;
  /** How to rebuild the core (absent: the bundled one `implementation` names). */
  readonly core?: CoreSource;
}

const sourceOf = (p: Provenance): CoreSource => p.core ?? { kind: "bundled" };

/** A core trace of `commands` on `p.implementation`, with values and violation from a replay. */
export const coreTrace = (p: Provenance, capacity: number, commands: readonly Command[], on?: CoreFactory): CoreTrace => {
  const draft: CoreTrace = {
    format: TRACE_FORMAT, version: TRACE_VERSION, suite: "core", ...p, core: sourceOf(p), capacity, commands,
    values: commands.map(() => null), violation: null,
  };
  const r = replayCore(draft, on);
  const violation: Violation | null = r.status === "fail" ? { step: r.step, kind: r.kind, detail: r.detail } : null;
  const values = [...r.values, ...commands.slice(r.values.length).map(() => null)];
  const work = r.workValues ?? [];
  // trace.ts rule 2: workValues only when some step's deferred work allocated.
  const workValues = work.some((w) => w.length > 0) ? { workValues: [...work, ...commands.slice(work.length).map(() => [])] } : {};
  return { ...draft, values, ...workValues, violation };
};

/** A system trace of `commands` on `p.implementation`, with the violation from a replay. */
export const systemTrace = (p: Provenance, commands: readonly SystemCommand[], on?: CoreFactory, capacity = SYSTEM_CAPACITY): SystemTrace => {
  const draft: SystemTrace = {
    format: TRACE_FORMAT, version: TRACE_VERSION, suite: "system", ...p, core: sourceOf(p), capacity, commands,
    values: commands.map(() => null), violation: null,
  };
  const r = replaySystem(draft, on);
  return { ...draft, violation: r.status === "fail" ? { step: r.step, kind: r.kind, detail: r.detail } : null };
};
