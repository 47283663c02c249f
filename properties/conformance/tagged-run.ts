/**
 * One run of the core conformance checks (properties/core/check-step.ts) on a core under test,
 * with every step tagged by the decisions it exercised (decision-tags.ts): the raw material of
 * the per-decision conformance report.
 *
 * Rules:
 *  1. Steps are checked exactly as the core suite checks them (`checkedStep`); a step that agreed
 *     is tagged with the spec's own before/after states and outcome.
 *  2. The step that diverged is tagged from the spec's side only: the spec's step from the same
 *     state with its own choices (decision-tags.ts rule 1), so a departing core is judged by the
 *     same tags as a conforming one. The run ends there (the core's state is unknown after it).
 *  3. Commands come from `next`, given the model so far: generated abstract commands resolved
 *     against it (`fromAbstract`, as the suite does), or a stored trace's commands as they are.
 */
import type { Command } from "../../api/commands.js";
import type { IoasidCore } from "../../api/core.js";
import { worldStep } from "../../spec/world.js";
import { CoreDriver } from "../core/driver.js";
import { checkedStep, Divergence } from "../core/check-step.js";
import type { Model } from "../core/model.js";
import { initialModel } from "../core/model.js";
import { resolve } from "../core/resolve.js";
import type { AbstractCommand } from "../core/abstract-command.js";
import type { DecisionId } from "./decision-tags.js";
import { decisionsOfStep } from "./decision-tags.js";

/** Where and how a run departed from the spec. */
export interface TaggedFailure {
  readonly step: number;
  readonly kind: string;
  readonly detail: string;
  /** Rule 2. */
  readonly tags: readonly DecisionId[];
}

/** A tagged run. */
export interface TaggedRun {
  /** The commands run, the diverging one last. */
  readonly commands: readonly Command[];
  /** The tags of each step that agreed (rule 1). */
  readonly agreed: readonly (readonly DecisionId[])[];
  readonly failure: TaggedFailure | null;
}

/** Rule 2: the spec's tags of `cmd` from `m`, or none when the spec itself cannot step. */
const specTags = (m: Model, cmd: Command): readonly DecisionId[] => {
  try {
    const { world, outcome } = worldStep(m.world, cmd);
    return decisionsOfStep(m.world.core, world.core, cmd, outcome, m.fault > 0);
  } catch {
    return [];
  }
};

/** Run `next` until it returns null (rules 1 to 3). */
export const taggedRun = (make: (config: { readonly capacity: number }) => IoasidCore, capacity: number, next: (m: Model, i: number) => Command | null): TaggedRun => {
  let model = initialModel(capacity);
  const commands: Command[] = [];
  const agreed: DecisionId[][] = [];
  let driver: CoreDriver;
  try {
    driver = new CoreDriver(make({ capacity }));
  } catch (e) {
    return { commands, agreed, failure: { step: 0, kind: "crash", detail: `the core could not be created: ${e instanceof Error ? e.message : String(e)}`, tags: [] } };
  }
  for (let i = 0; ; i++) {
    const cmd = next(model, i);
    if (cmd === null) break;
    commands.push(cmd);
    try {
      const step = checkedStep(model, driver, cmd);
      agreed.push([...decisionsOfStep(model.world.core, step.model.world.core, cmd, step.outcome, model.fault > 0)]);
      model = step.model;
    } catch (e) {
      const kind = e instanceof Divergence ? e.kind : "error";
      const detail = e instanceof Divergence ? e.detail : e instanceof Error ? e.message : String(e);
      return { commands, agreed, failure: { step: commands.length - 1, kind, detail, tags: specTags(model, cmd) } };
    }
  }
  return { commands, agreed, failure: null };
};

/** Rule 3: generated commands, each resolved against the model when it runs. */
export const fromAbstract = (abs: readonly AbstractCommand[]): ((m: Model, i: number) => Command | null) => {
  let at = 0;
  return (m) => {
    const a = abs[at++];
    return a === undefined ? null : resolve(m, a);
  };
};

/** Rule 3: a stored trace's commands, as they are. */
export const fromCommands = (cmds: readonly Command[]): ((m: Model, i: number) => Command | null) => (_m, i) => cmds[i] ?? null;
