/**
 * One checked step of the conformance suite: run the command on the core under test, judge its
 * choices, run the spec with those choices, and compare everything observable.
 *
 * Rules:
 *  1. The implementation's allocation choices (ID, set handle) are accepted when the spec
 *     accepts them (D6, D19); otherwise that is the divergence. The IDs deferred work allocated
 *     (D31) are handed to the spec's world in order (spec/world.ts rule 4).
 *  2. Outcomes must be equal: result, deliveries and handler/work calls, in order.
 *  3. Every spec invariant must hold after the step.
 *  4. Abstraction: every ID live in the spec, and every ID the command named or recently
 *     reclaimed, must look the same through the core's inspectId (state, refs, set, SPID).
 *  5. A core that throws, or returns a malformed result, diverges at that step.
 *  6. Abstraction beyond IDs (abstraction.ts): sets, capacity left, notifiers and custom
 *     allocators, as far as the core offers the optional introspection.
 *  7. Custom allocators (allocator-ledger.ts): every number handed out comes back exactly once,
 *     at reclaim, never while anything still names it.
 */
import { isDeepStrictEqual } from "node:util";
import { PathReporter } from "io-ts/lib/PathReporter.js";
import type { Command } from "../../api/commands.js";
import type { IdView } from "../../api/core.js";
import { Outcome } from "../../api/outcome.js";
import { acceptsIdChoice, acceptsSetHandle, activeSpace, violatedInvariants, worldStep } from "../../spec/index.js";
import type { CoreDriver } from "./driver.js";
import type { Model } from "./model.js";
import { advanceModel } from "./model.js";
import { formatOutcome } from "./format.js";
import { sameOutcome } from "./same-outcome.js";
import { firstMismatch } from "./abstraction.js";

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

const namedIds = (cmd: Command): readonly number[] => ("id" in cmd ? [cmd.id] : []);

/** Rule 4. */
const checkAbstraction = (before: Model, after: Model, driver: CoreDriver, cmd: Command): void => {
  const ids = new Set([...after.world.core.ids.keys(), ...before.world.core.ids.keys(), ...namedIds(cmd), ...after.recent]);
  for (const id of ids) {
    const want = specView(after, id);
    let got: unknown;
    try {
      got = driver.core.inspectId(id);
    } catch (e) {
      throw new Divergence(cmd, "crash", `inspectId(${id}) threw: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!isDeepStrictEqual(got, want)) {
      throw new Divergence(cmd, "state", `ID ${id}: spec has ${JSON.stringify(want)}, the core has ${JSON.stringify(got)}`);
    }
  }
  let mismatch;
  try {
    mismatch = firstMismatch(before.world.core, after.world.core, driver.core, cmd);
  } catch (e) {
    throw new Divergence(cmd, "crash", `introspection threw: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (mismatch !== null) throw new Divergence(cmd, "state", mismatch.detail);
};

/** Run one command on both sides and check it; the next model, or a thrown Divergence. */
export const checkedStep = (m: Model, driver: CoreDriver, cmd: Command): { readonly model: Model; readonly outcome: Outcome } => {
  const { outcome: actual, answer } = runCore(driver, cmd);
  const choice = choiceFor(m, cmd, actual, answer);
  const workAllocs = actual.events.flatMap((e) => (e.kind === "call" && e.context === "work" && e.call === "alloc" ? [e.result] : []));
  const workChoices = workAllocs.map((r) => (r.ok && typeof r.value === "number" ? r.value : undefined));
  const { world, outcome: expected } = worldStep(m.world, cmd, choice, workChoices);
  if (!sameOutcome(expected, actual)) {
    throw new Divergence(cmd, "outcome", `expected\n${formatOutcome(expected)}\nactual\n${formatOutcome(actual)}`, expected, actual);
  }
  const broken = violatedInvariants(world.core);
  if (broken.length > 0) throw new Divergence(cmd, "invariant", `spec invariants broken: ${broken.join(", ")}`);
  const next = advanceModel(m, world);
  const created = [
    ...(cmd.op === "alloc" && expected.result.ok && typeof expected.result.value === "number" ? [expected.result.value] : []),
    ...workChoices.flatMap((id) => (id === undefined ? [] : [id])),
  ];
  const books = driver.allocators.ledger.settle(m.world.core, world.core, created);
  if (books !== null) throw new Divergence(cmd, "state", books);
  checkAbstraction(m, next, driver, cmd);
  return { model: next, outcome: expected };
};
