/**
 * One checked step of the conformance suite: run the command on the core under test, judge its
 * choices, run the spec with those choices, and compare everything observable.
 *
 * Rules:
 *  1. The implementation's allocation choices (ID, set handle) are accepted when the spec
 *     accepts them (D6, D19); otherwise that is the divergence. The IDs deferred work allocated
 *     (D31) are handed to the spec's world in order (spec/world.ts rule 4).
 *  2. Outcomes must be equal: result, deliveries and handler/work calls, in order.
 *  3. Every spec invariant must hold after the step. In "touched" mode they are evaluated
 *     incrementally from what the step changed (spec/invariants.ts `violatedInvariantsAfter`:
 *     nothing after a refused call, per-ID invariants on the changed IDs); in "full" mode and
 *     in `finalCheck`, every invariant on the whole state.
 *  4. Abstraction: an ID must look the same through the core's inspectId (state, refs, set,
 *     SPID) as in the spec. Checked "full" (the default): every ID live in the spec before or
 *     after the step, every ID the command named, every recently reclaimed ID. Checked
 *     "touched" (the suite's fast mode): the IDs whose spec record the step changed, added or
 *     removed, and the IDs the command named; the caller then runs `finalCheck` (every live
 *     and recent ID, every invariant) at the end of the run.
 *  5. A core that throws, or returns a malformed result, diverges at that step.
 *  6. Abstraction beyond IDs (abstraction.ts): sets, capacity left, notifiers and custom
 *     allocators, as far as the core offers the optional introspection; in "touched" mode
 *     only the parts the step touched, and every part in `finalCheck`.
 *  7. Custom allocators (allocator-ledger.ts): every number handed out comes back exactly once,
 *     at reclaim, never while anything still names it.
 *  8. Fault injection (D32, api/faults.ts): the call right after a `fail_nth` may answer ENOMEM
 *     (or, from an API that cannot say why, a refusal without an errno: D30) instead of the
 *     spec's Ok when its kind may allocate (spec/allocation.ts), with no
 *     delivery and no handler or work call. The spec is then not stepped, and the whole state
 *     (every ID, every introspection part) must equal the unchanged spec state, and every number
 *     a custom allocator handed out during the call must be back. A call the spec refuses
 *     answers the spec's errno even when armed; ENOMEM anywhere else is a departure.
 */
import { isDeepStrictEqual } from "node:util";
import { PathReporter } from "io-ts/lib/PathReporter.js";
import type { Command } from "../../api/commands.js";
import type { IdView } from "../../api/core.js";
import { Outcome } from "../../api/outcome.js";
import { err } from "../../api/result.js";
import { acceptsIdChoice, acceptsSetHandle, activeSpace, MAY_FAIL_ALLOCATION, violatedInvariants, violatedInvariantsAfter, workAllocChoices, worldStep } from "../../spec/index.js";
import type { CoreDriver } from "./driver.js";
import type { Model } from "./model.js";
import { advanceModel } from "./model.js";
import { formatOutcome } from "./format.js";
import { sameOutcome } from "./same-outcome.js";
import type { Parts } from "./abstraction.js";
import { ALL_PARTS, firstMismatch, touchedParts } from "./abstraction.js";

/** The first difference between the spec and the core under test. */
export class Divergence extends Error {
  constructor(
    readonly cmd: Command,
    readonly kind: "outcome" | "choice" | "invariant" | "state" | "crash" | "malformed",
    readonly detail: string,
    readonly expected?: Outcome,
    readonly actual?: Outcome,
  ) {
    super(`${kind}: ${detail}`);
    this.name = "Divergence";
  }
}

const runCore = (driver: CoreDriver, cmd: Command): { readonly outcome: Outcome; readonly answer: number | undefined } => {
  let raw: unknown;
  try {
    raw = driver.run(cmd);
  } catch (e) {
    throw new Divergence(cmd, "crash", `the core threw: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (Outcome.is(raw)) return { outcome: raw, answer: driver.allocators.takeAnswer() }; // the codec's own guard: no Either per step
  const decoded = Outcome.decode(raw);
  if (decoded._tag === "Left") throw new Divergence(cmd, "malformed", PathReporter.report(decoded).join("; "));
  return { outcome: decoded.right, answer: driver.allocators.takeAnswer() };
};

/** The implementation's choice to hand to the spec, judged by rule 1. */
const choiceFor = (m: Model, cmd: Command, actual: Outcome, answer: number | undefined): number | undefined => {
  const value = actual.result.ok && typeof actual.result.value === "number" ? actual.result.value : undefined;
  const core = m.world.core;
  if (cmd.op === "alloc_set" && value !== undefined) {
    if (!acceptsSetHandle(core, value)) throw new Divergence(cmd, "choice", `the core returned set handle ${value}, which is in use or not a positive integer`);
    return value;
  }
  if (cmd.op !== "alloc") return undefined;
  if (activeSpace(core).kind === "custom") return answer;
  if (value !== undefined && !acceptsIdChoice(core, cmd, value)) {
    throw new Divergence(cmd, "choice", `the core allocated ID ${value}, which is not a free ID in [${cmd.min}, ${cmd.max}]`);
  }
  return value;
};

const specView = (m: Model, id: number): IdView | null => {
  const r = m.world.core.ids.get(id);
  return r === undefined ? null : { state: r.state, refs: r.refs, set: r.set, spid: r.spid };
};

/** `got` equal to `want` as isDeepStrictEqual judges them, with a fast path for a plain IdView. */
const sameView = (got: unknown, want: IdView | null): boolean => {
  if (want === null || got === null || typeof got !== "object" || Object.getPrototypeOf(got) !== Object.prototype) return isDeepStrictEqual(got, want);
  if (!("state" in got && "refs" in got && "set" in got && "spid" in got) || Object.keys(got).length !== 4) return isDeepStrictEqual(got, want);
  return Object.is(got.state, want.state) && Object.is(got.refs, want.refs) && Object.is(got.set, want.set) && Object.is(got.spid, want.spid);
};

const namedIds = (cmd: Command): readonly number[] => ("id" in cmd ? [cmd.id] : []);

/** Which IDs the abstraction check compares after each step (rule 4). */
export type CheckMode = "full" | "touched";

/** IDs whose spec record differs between the two states (changed, added or removed). */
const touchedIds = (before: Model, after: Model): Set<number> => {
  const a = before.world.core.ids;
  const b = after.world.core.ids;
  const out = new Set<number>();
  if (a === b) return out;
  for (const [id, r] of b) if (a.get(id) !== r) out.add(id);
  for (const id of a.keys()) if (!b.has(id)) out.add(id);
  return out;
};

/** Compare `ids` through inspectId (rule 4). */
const compareIds = (after: Model, driver: CoreDriver, cmd: Command, ids: Iterable<number>, where = ""): void => {
  for (const id of ids) {
    const want = specView(after, id);
    let got: unknown;
    try {
      got = driver.core.inspectId(id);
    } catch (e) {
      throw new Divergence(cmd, "crash", `${where}inspectId(${id}) threw: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!sameView(got, want)) {
      throw new Divergence(cmd, "state", `${where}ID ${id}: spec has ${JSON.stringify(want)}, the core has ${JSON.stringify(got)}`);
    }
  }
};

/** Rule 6: sets, capacity left, notifiers and custom allocators, as far as the core shows them. */
const compareBeyondIds = (before: Model, after: Model, driver: CoreDriver, cmd: Command, parts: Parts, where = ""): void => {
  let mismatch;
  try {
    mismatch = firstMismatch(before.world.core, after.world.core, driver.core, cmd, parts);
  } catch (e) {
    throw new Divergence(cmd, "crash", `${where}introspection threw: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (mismatch !== null) throw new Divergence(cmd, "state", `${where}${mismatch.detail}`);
};

/** Rules 4 and 6. */
const checkAbstraction = (before: Model, after: Model, driver: CoreDriver, cmd: Command, mode: CheckMode): void => {
  const ids = mode === "full"
    ? new Set([...after.world.core.ids.keys(), ...before.world.core.ids.keys(), ...namedIds(cmd), ...after.recent])
    : touchedIds(before, after);
  if (mode === "touched") for (const id of namedIds(cmd)) ids.add(id);
  compareIds(after, driver, cmd, ids);
  compareBeyondIds(before, after, driver, cmd, mode === "full" ? ALL_PARTS : touchedParts(before.world.core, after.world.core, cmd));
};

/**
 * The end-of-run check of the "touched" mode: every spec invariant, and every ID live in the
 * spec or recently reclaimed compared through inspectId. `last` is the run's last command (the
 * divergence is reported there).
 */
export const finalCheck = (m: Model, driver: CoreDriver, last: Command): void => {
  const broken = violatedInvariants(m.world.core);
  if (broken.length > 0) throw new Divergence(last, "invariant", `at the end of the run: spec invariants broken: ${broken.join(", ")}`);
  compareIds(m, driver, last, new Set([...m.world.core.ids.keys(), ...m.recent]), "at the end of the run: ");
  compareBeyondIds(m, m, driver, last, ALL_PARTS, "at the end of the run: ");
};

const isEnomem = (o: Outcome): boolean => !o.result.ok && o.result.errno === "ENOMEM";

/** ENOMEM, or a refusal whose API cannot say why (D30: a sentinel or a warned void call) standing for it. */
const failedAllocation = (o: Outcome): boolean =>
  !o.result.ok && (o.result.errno === "ENOMEM" || (o.result.errno === null && (o.result.via === "sentinel" || o.result.via === "void")));

/** The outcome an accepted injected failure counts as (coverage, replay), whatever way the core said it. */
const ENOMEM_OUTCOME: Outcome = { result: err("ENOMEM"), events: [] };

const ENOMEM_RULE = "ENOMEM is accepted only from the call right after a fail_nth, of a kind that may allocate " +
  `(${[...MAY_FAIL_ALLOCATION].join(", ")}), that the spec answers Ok (D32)`;

/**
 * Rule 8: when the core answered an armed call with ENOMEM and the spec answers it Ok, check
 * that the failure changed nothing and return the unchanged model; null when the step is to be
 * judged as usual.
 */
const injectedFailure = (m: Model, driver: CoreDriver, cmd: Command, actual: Outcome): { readonly model: Model; readonly outcome: Outcome } | null => {
  if (m.fault === 0 || !driver.armed || !MAY_FAIL_ALLOCATION.has(cmd.op) || !failedAllocation(actual)) return null;
  const expected = worldStep(m.world, cmd).outcome;
  if (!expected.result.ok) return null; // guards before allocations: the spec's errno is owed
  if (actual.events.length > 0) {
    throw new Divergence(cmd, "outcome", `the call failed an injected allocation (fail_nth ${m.fault}) with ENOMEM but delivered or called on: a failing call delivers nothing and makes no handler or work call (D32)\nactual\n${formatOutcome(actual)}`, expected, actual);
  }
  const books = driver.allocators.ledger.settleFailed();
  if (books !== null) throw new Divergence(cmd, "state", books);
  const where = `after ENOMEM from an injected allocation failure (fail_nth ${m.fault}), the state must be exactly as before (D32): `;
  compareIds(m, driver, cmd, new Set([...m.world.core.ids.keys(), ...namedIds(cmd), ...m.recent]), where);
  compareBeyondIds(m, m, driver, cmd, ALL_PARTS, where);
  return { model: advanceModel(m, m.world, cmd), outcome: ENOMEM_OUTCOME };
};

const NONE: readonly number[] = [];

/** The IDs a step allocated: the alloc's own, then those its deferred work allocated (rule 7). */
const createdIds = (cmd: Command, expected: Outcome, workChoices: readonly (number | undefined)[]): readonly number[] => {
  const own = cmd.op === "alloc" && expected.result.ok && typeof expected.result.value === "number" ? expected.result.value : undefined;
  if (own === undefined && workChoices.length === 0) return NONE;
  return [...(own === undefined ? [] : [own]), ...workChoices.flatMap((id) => (id === undefined ? [] : [id]))];
};

/** Run one command on both sides and check it; the next model, or a thrown Divergence. */
export const checkedStep = (m: Model, driver: CoreDriver, cmd: Command, mode: CheckMode = "full"): { readonly model: Model; readonly outcome: Outcome } => {
  const { outcome: actual, answer } = runCore(driver, cmd);
  const failed = injectedFailure(m, driver, cmd, actual);
  if (failed !== null) return failed;
  const choice = choiceFor(m, cmd, actual, answer);
  const workChoices = workAllocChoices(actual);
  const { world, outcome: expected } = worldStep(m.world, cmd, choice, workChoices);
  if (!sameOutcome(expected, actual)) {
    const hint = isEnomem(actual) ? `\n${ENOMEM_RULE}` : "";
    throw new Divergence(cmd, "outcome", `expected\n${formatOutcome(expected)}\nactual\n${formatOutcome(actual)}${hint}`, expected, actual);
  }
  const broken = mode === "full" ? violatedInvariants(world.core) : violatedInvariantsAfter(m.world.core, world.core);
  if (broken.length > 0) throw new Divergence(cmd, "invariant", `spec invariants broken: ${broken.join(", ")}`);
  const next = advanceModel(m, world, cmd);
  const created = createdIds(cmd, expected, workChoices);
  const books = driver.allocators.ledger.settle(m.world.core, world.core, created);
  if (books !== null) throw new Divergence(cmd, "state", books);
  checkAbstraction(m, next, driver, cmd, mode);
  return { model: next, outcome: expected };
};
