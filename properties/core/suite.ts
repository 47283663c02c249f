/**
 * The core conformance suite: fast-check model-based runs of abstract commands, each resolved
 * against the model when it runs and checked step by step against the spec (check-step.ts).
 *
 * Rules:
 *  1. Every generated command runs: one whose target does not exist yet resolves to the call
 *     that creates it (resolve.ts rule 1), so no precondition ever refuses a command and
 *     fast-check's shrinking may drop any command.
 *  2. Coverage counts every executed step of the generation phase.
 *  3. A failure is replayed once more from its shrunk commands to recover the exact concrete
 *     trace and divergence, reported with the seed and path that reproduce it: fast-check's
 *     path, `~` and the commands' replay path (properties/replay-path.ts).
 *  4. Checking cost: by default each step checks the IDs it touched (check-step.ts rule 4,
 *     "touched") and every run ends with `finalCheck` (all IDs, all invariants); the replay of
 *     a failure checks fully at every step. `checkMode: "full"`, or the environment variable
 *     IOASID_CHECK_FULL=1, checks everything after every step (for debugging).
 *  5. A time budget that ends before any run completed is no counterexample.
 *  6. Swarm testing (swarm.ts): each run draws its mix of command kinds first, as part of its
 *     generated input, so seed and path reproduce it.
 */
import fc from "fast-check";
import type { Command } from "../../api/commands.js";
import type { IoasidCore } from "../../api/core.js";
import type { Outcome } from "../../api/outcome.js";
import type { AbstractCommand } from "./abstract-command.js";
import { abstractCommandArbWith } from "./arbitrary.js";
import type { CheckMode } from "./check-step.js";
import { checkedStep, Divergence, finalCheck } from "./check-step.js";
import { coreSuiteGate, Coverage } from "./coverage.js";
import { FAULT_FEATURE } from "../../api/faults.js";
import { CoreDriver } from "./driver.js";
import type { Model } from "./model.js";
import { initialModel } from "./model.js";
import { resolve } from "./resolve.js";
import { formatCommand } from "./format.js";
import { uncheckedParts } from "./abstraction.js";
import { pairKeys } from "./pairs.js";
import { joinPath, splitPath } from "../replay-path.js";
import type { CoreSwarm } from "./swarm.js";
import { coreSwarmArb } from "./swarm.js";

/** The configuration a core under test is created with; the model uses the same. */
export interface CoreConfig {
  /** Capacity the sets' quotas are reserved from (sum of quotas). */
  readonly capacity: number;
}

/** The default budget: runs per suite and commands per run. */
export const DEFAULT_CORE_RUNS = 1500;
export const DEFAULT_MAX_COMMANDS = 120;
/** Small, so quota and capacity limits are reached. */
export const DEFAULT_CAPACITY = 24;

/** Options of one suite run. */
export interface CoreSuiteOptions {
  /** A fresh core under test, created with the suite's configuration. */
  readonly makeCore: (config: CoreConfig) => IoasidCore;
  readonly numRuns?: number;
  readonly seed?: number;
  /** Replay one case: the path a counterexample reports (replay-path.ts). */
  readonly path?: string;
  readonly maxCommands?: number;
  readonly capacity?: number;
  /** Stop generating new runs after this many milliseconds (the runs done so far count). */
  readonly timeLimitMs?: number;
  /** Rule 4: "touched" (default) or "full". */
  readonly checkMode?: CheckMode;
}

/** The check mode from the environment: IOASID_CHECK_FULL=1 forces "full" (rule 4). */
export const defaultCheckMode = (): CheckMode => (process.env["IOASID_CHECK_FULL"] === "1" ? "full" : "touched");

/** A counterexample: the shrunk concrete trace and the first divergence. */
export interface CoreFailure {
  readonly seed: number;
  readonly path: string;
  readonly commands: readonly Command[];
  /** Index in `commands` of the step that diverged. */
  readonly failedStep: number;
  readonly divergence: { readonly kind: string; readonly detail: string };
}

/** What a run did. */
export interface CoreSuiteReport {
  readonly runs: number;
  readonly commands: number;
  readonly coverage: Coverage;
  readonly missing: readonly string[];
  readonly failure: CoreFailure | null;
  readonly seed: number;
  /** The parts of the state the core could not show (optional introspection it lacks): not checked. */
  readonly unchecked: readonly string[];
}

type Real = { driver: CoreDriver; last: Command | null };

/** What the suite learns from each executed command. */
interface StepHooks {
  stepped(cmd: Command, outcome: Outcome, before: Model, after: Model): void;
  /** A step failed: from now on runs are shrinking runs. */
  failed(): void;
}
type ModelBox = { model: Model };

class CoreCommand implements fc.Command<ModelBox, Real> {
  resolved: Command | null = null;
  constructor(readonly abs: AbstractCommand, private readonly hooks: StepHooks, private readonly mode: CheckMode) {}
  /** Rule 1: always applicable. */
  check(): boolean {
    return true;
  }
  run(m: ModelBox, r: Real): void {
    const cmd = resolve(m.model, this.abs);
    this.resolved = cmd;
    try {
      const before = m.model;
      const { model, outcome } = checkedStep(before, r.driver, cmd, this.mode);
      m.model = model;
      r.last = cmd;
      this.hooks.stepped(cmd, outcome, before, model);
    } catch (e) {
      this.hooks.failed();
      throw e;
    }
  }
  toString(): string {
    return this.resolved === null ? `${this.abs.op}(?)` : formatCommand(this.resolved);
  }
}

/** Replay abstract commands from scratch; the concrete trace and where (if anywhere) it diverged. */
export const replayAbstract = (makeCore: (config: CoreConfig) => IoasidCore, abs: Iterable<AbstractCommand>, capacity = DEFAULT_CAPACITY) => {
  let model = initialModel(capacity);
  const driver = new CoreDriver(makeCore({ capacity }));
  const commands: Command[] = [];
  for (const a of abs) {
    const cmd = resolve(model, a);
    commands.push(cmd);
    try {
      model = checkedStep(model, driver, cmd).model;
    } catch (e) {
      return { commands, failedStep: commands.length - 1, error: e };
    }
  }
  return { commands, failedStep: -1, error: null };
};

const describeError = (e: unknown) =>
  e instanceof Divergence ? { kind: e.kind, detail: e.detail } : { kind: "error", detail: e instanceof Error ? e.message : String(e) };

/** Run the suite. */
export const runCoreSuite = (opts: CoreSuiteOptions): CoreSuiteReport => {
  const capacity = opts.capacity ?? DEFAULT_CAPACITY;
  const coverage = new Coverage();
  let unchecked: readonly string[] | null = null;
  const makeCore = (config: CoreConfig): IoasidCore => {
    const core = opts.makeCore(config);
    unchecked ??= uncheckedParts(core);
    return core;
  };
  let commands = 0;
  let shrinking = false;
  const hooks: StepHooks = {
    stepped: (cmd, outcome, before, after) => {
      if (shrinking) return;
      commands++;
      coverage.add(cmd, outcome);
      coverage.addKeys(pairKeys(before.world.core, after.world.core, cmd, outcome));
    },
    failed: () => {
      shrinking = true;
    },
  };
  const mode = opts.checkMode ?? defaultCheckMode();
  const build = (swarm: CoreSwarm) => abstractCommandArbWith((op) => swarm.weights.get(op) ?? 0).map((a) => new CoreCommand(a, hooks, mode), (c) => {
    if (c instanceof CoreCommand) return c.abs;
    throw new Error("not a CoreCommand");
  });
  // Half the runs draw the full swarm (swarm.ts rule 2): their command arbitrary is built once.
  const cmdArbs = new Map<string, ReturnType<typeof build>>();
  const cmdArbOf = (swarm: CoreSwarm) => {
    const key = [...swarm.weights.values()].join(",");
    let arb = cmdArbs.get(key);
    if (arb === undefined) {
      arb = build(swarm);
      if (cmdArbs.size < 64) cmdArbs.set(key, arb);
    }
    return arb;
  };
  const maxCommands = opts.maxCommands ?? DEFAULT_MAX_COMMANDS;
  const replay = splitPath(opts.path);
  const runArb = coreSwarmArb.chain((swarm) => fc.commands([cmdArbOf(swarm)], {
    maxCommands, size: "max", ...(replay.replayPath === undefined ? {} : { replayPath: replay.replayPath }),
  }));
  const prop = fc.property(runArb, (cmds) => {
    const box: ModelBox = { model: initialModel(capacity) };
    const real: Real = { driver: new CoreDriver(makeCore({ capacity })), last: null };
    fc.modelRun(() => ({ model: box, real }), cmds);
    if (real.last === null) return;
    try {
      finalCheck(box.model, real.driver, real.last);
    } catch (e) {
      hooks.failed();
      throw e;
    }
  });
  const seed = opts.seed ?? Date.now() ^ (Math.random() * 0x100000000);
  const details = fc.check(prop, {
    numRuns: opts.numRuns ?? DEFAULT_CORE_RUNS, seed,
    ...(replay.path === undefined ? {} : { path: replay.path }),
    ...(opts.timeLimitMs === undefined ? {} : { interruptAfterTimeLimit: opts.timeLimitMs, markInterruptAsFailure: false }),
  });
  let failure: CoreFailure | null = null;
  if (details.failed && details.counterexample !== null) {
    const [cmds] = details.counterexample;
    const abs = [...cmds].flatMap((c) => {
      const inner: unknown = typeof c === "object" && c !== null && "cmd" in c ? c.cmd : c; // fast-check wraps each command
      return inner instanceof CoreCommand ? [inner.abs] : [];
    });
    const again = replayAbstract(opts.makeCore, abs, capacity);
    failure = {
      seed, path: joinPath(details.counterexamplePath ?? "", cmds),
      commands: again.commands, failedStep: again.failedStep,
      divergence: describeError(again.error ?? details.errorInstance),
    };
  } else if (details.failed && !details.interrupted) {
    failure = { seed, path: details.counterexamplePath ?? "", commands: [], failedStep: -1, divergence: describeError(details.errorInstance) };
  }
  const faults = !(unchecked ?? []).some((u) => u === FAULT_FEATURE);
  return { runs: details.numRuns, commands, coverage, missing: coverage.missing(coreSuiteGate(faults)), failure, seed, unchecked: unchecked ?? [] };
};
