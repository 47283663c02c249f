/**
 * Deterministic replay of a stored trace on the implementation it names.
 *
 * Rules:
 *  1. A core trace runs through the conformance step checker (properties/core/check-step.ts);
 *     a system trace through the spec-twin system step (properties/system/suite.ts), ending
 *     with teardown and the leak check, as the suite does.
 *  2. When a core step returns a different number (ID, set handle) than the trace recorded,
 *     or its deferred work allocates a different ID than `workValues` recorded, the recorded
 *     number is renamed to the new one in every later command: a trace recorded on one
 *     allocation policy replays on another.
 *  3. The result says pass, or fail with the step, the kind and the detail; `asExpected` compares
 *     it with the trace's `expect`.
 *  4. The core is the one the trace names (trace.ts rule 4) unless `on` gives another factory:
 *     a bundled core is built here; a user's core (module, process, kernel C file) must be opened
 *     by the caller (cli/core-target.ts) and handed in as `on`, else the replay is an input
 *     failure saying so. A system trace runs its drivers (bundled: the ones `implementation`
 *     names; a user's core: the correct drivers) on top of that core.
 */
import type { Command } from "../api/commands.js";
import type { Outcome } from "../api/outcome.js";
import { CoreDriver } from "../properties/core/driver.js";
import { checkedStep, Divergence } from "../properties/core/check-step.js";
import { workAllocChoices } from "../spec/world.js";
import { initialModel } from "../properties/core/model.js";
import { replaySystemCommands } from "../properties/system/suite.js";
import type { CoreTrace, SystemTrace, Trace } from "./trace.js";
import { capacityOf } from "./trace.js";
import { bundledCoreOf, driversOf } from "./implementations.js";
import type { CoreFactory } from "./implementations.js";

/** What a replay showed. */
export interface ReplayResult {
  readonly status: "pass" | "fail";
  /** The failing step (0-based), or -1. */
  readonly step: number;
  readonly kind: string;
  readonly detail: string;
  /** The number each step returned (ID, set handle) or null. */
  readonly values: readonly (number | null)[];
  /** The IDs each core step's deferred work allocated, in order (trace.ts rule 2). */
  readonly workValues?: readonly (readonly (number | null)[])[];
  /** Which suite's checks ran (so the failure class knows how to read `kind`). */
  readonly suite?: "core" | "system";
  /** The command kind of the failing step ("teardown" for the end-of-run checks). */
  readonly op?: string;
  /** The expected and actual outcomes of a failing core step, when they were compared. */
  readonly expected?: Outcome;
  readonly actual?: Outcome;
}

/** Did the replay show what the trace expects? */
export const asExpected = (t: Trace, r: ReplayResult): boolean => (t.expect === "fail") === (r.status === "fail");

const renameCommand = (c: Command, ids: ReadonlyMap<number, number>, sets: ReadonlyMap<number, number>): Command => {
  let out: Command = c;
  if ("set" in out && typeof out.set === "number") out = { ...out, set: sets.get(out.set) ?? out.set };
  if ("id" in out) out = { ...out, id: ids.get(out.id) ?? out.id };
  return out;
};

/** Rule 1 and 2, core. */
export const replayCore = (t: CoreTrace, on?: CoreFactory): ReplayResult => {
  const make = on ?? bundledCoreOf(t);
  if (typeof make === "string") return { status: "fail", step: -1, kind: "input", detail: make, values: [] };
  let model = initialModel(t.capacity);
  const driver = new CoreDriver(make({ capacity: t.capacity }));
  const ids = new Map<number, number>();
  const sets = new Map<number, number>();
  const values: (number | null)[] = [];
  const workValues: (readonly (number | null)[])[] = [];
  for (const [i, recorded] of t.commands.entries()) {
    const cmd = renameCommand(recorded, ids, sets);
    try {
      const step = checkedStep(model, driver, cmd);
      model = step.model;
      const v = step.outcome.result.ok && typeof step.outcome.result.value === "number" ? step.outcome.result.value : null;
      values.push(v);
      const was = t.values[i];
      if (v !== null && typeof was === "number" && was !== v) (cmd.op === "alloc_set" ? sets : ids).set(was, v);
      const work = workAllocChoices(step.outcome).map((id) => id ?? null);
      workValues.push(work);
      for (const [j, id] of work.entries()) {
        const wasId = t.workValues?.[i]?.[j];
        if (id !== null && typeof wasId === "number" && wasId !== id) ids.set(wasId, id);
      }
    } catch (e) {
      const kind = e instanceof Divergence ? e.kind : "error";
      const detail = e instanceof Divergence ? e.detail : e instanceof Error ? e.message : String(e);
      const outcomes = e instanceof Divergence && e.expected !== undefined && e.actual !== undefined ? { expected: e.expected, actual: e.actual } : {};
      return { status: "fail", step: i, kind, detail, values, workValues, suite: "core", op: cmd.op, ...outcomes };
    }
  }
  return { status: "pass", step: -1, kind: "", detail: "", values, workValues };
};

/** Rule 1 and 4, system. */
export const replaySystem = (t: SystemTrace, on?: CoreFactory): ReplayResult => {
  const drivers = driversOf(t);
  if (typeof drivers === "string") return { status: "fail", step: -1, kind: "input", detail: drivers, values: [] };
  const make = on === undefined ? bundledCoreOf(t) : (c: { readonly capacity: number }) => on(c);
  if (typeof make === "string") return { status: "fail", step: -1, kind: "input", detail: make, values: [] };
  const capacity = capacityOf(t);
  const r = replaySystemCommands(() => make({ capacity }), drivers, t.commands);
  return r.failedStep < 0 && r.detail === ""
    ? { status: "pass", step: -1, kind: "", detail: "", values: t.commands.map(() => null) }
    : { status: "fail", step: r.failedStep, kind: r.kind, detail: r.detail, values: t.commands.map(() => null), suite: "system", op: t.commands[r.failedStep]?.op ?? "teardown" };
};

/** Replay any trace (on `on` when given: rule 4). */
export const replayTrace = (t: Trace, on?: CoreFactory): ReplayResult => (t.suite === "core" ? replayCore(t, on) : replaySystem(t, on));
