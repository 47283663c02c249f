/**
 * The system suite: fast-check model-based runs of system commands over two VMs sharing a DSA
 * device, their assigned devices and two native processes. Every command runs on a system built
 * on the core under test and on a twin built on the spec core, which follows the tested core's
 * allocation choices: both must satisfy every system property after every step, and give
 * agreeing step records (equal, except that a call's result is judged as in the core suite,
 * D30). Each run ends with a teardown and the no-leak check on both.
 * Each run draws its own swarm (swarm.ts): the command kinds it issues and its biases.
 *
 * Rules:
 *  1. A counterexample's path is fast-check's path, then `~` and fast-check's replay path of the
 *     commands (which commands ran while shrinking): replaying a run of fc.commands needs both,
 *     and `runSystemSuite({ seed, path })` takes the combined string back.
 */
import fc from "fast-check";
import type { IoasidCore } from "../../api/core.js";
import { SpecCore } from "../../spec/spec-core.js";
import type { SystemCommand, SystemCommandKind } from "../../hw-model/system/commands.js";
import type { DriverSet } from "../../hw-model/system/drivers.js";
import { CORRECT_DRIVERS } from "../../hw-model/system/drivers.js";
import { System } from "../../hw-model/system/system.js";
import { SYSTEM_CAPACITY } from "../../api/constants.js";
import type { AbstractSystemCommand } from "./resolve.js";
import { resolveSystem, SYSTEM_WEIGHTS } from "./resolve.js";
import { checkedSystemStep } from "./step.js";
import { checkNoLeak, surveyNow, SystemViolation } from "./checks.js";
import type { Swarm } from "./swarm.js";
import { fullSwarm, issues, swarmArb } from "./swarm.js";
import { situations } from "./situations.js";
import type { ChoiceRecorder } from "./choices.js";
import { recordChoices } from "./choices.js";
import { sameResult } from "../core/same-outcome.js";
import { sameRecord } from "./same-record.js";
import { joinPath, splitPath } from "../replay-path.js";

export const DEFAULT_SYSTEM_RUNS = 500;
export const DEFAULT_SYSTEM_COMMANDS = 160;

/** Options of one system-suite run. */
export interface SystemSuiteOptions {
  /** The core under test (its twin runs on the spec). */
  readonly makeCore: () => IoasidCore;
  /** The drivers (broken variants replace one). */
  readonly drivers?: DriverSet;
  readonly numRuns?: number;
  readonly seed?: number;
  readonly path?: string;
  /** Stop generating new runs after this many milliseconds (the runs done so far count). */
  readonly timeLimitMs?: number;
  readonly maxCommands?: number;
}

/** The counterexample of a failed run. */
export interface SystemFailure {
  readonly seed: number;
  readonly path: string;
  readonly commands: readonly SystemCommand[];
  readonly failedStep: number;
  readonly detail: string;
}

export interface SystemSuiteReport {
  readonly runs: number;
  readonly commands: number;
  readonly reached: ReadonlyMap<string, number>;
  readonly failure: SystemFailure | null;
  readonly seed: number;
}

interface Pair {
  readonly spec: System;
  readonly real: System;
  readonly choices: ChoiceRecorder;
}

/** The coverage case of a command's record: `op:outcome` (work labels without their VM number). */
const recordKey = (c: SystemCommand, rec: ReturnType<System["apply"]>): string => {
  switch (rec.kind) {
    case "call": return `${c.op}:${rec.result.ok ? "ok" : rec.result.errno}`;
    case "dma": return `${c.op}:${rec.resolution.kind === "translated" ? `translated-${rec.resolution.via}` : rec.resolution.reported ? "fault" : "fault-unreported"}`;
    case "exit": return `${c.op}:exit`;
    case "work": return `${c.op}:${rec.label === null ? "none" : (rec.label.split(" ")[0] ?? "").replace(/\d+/g, "")}`;
  }
};

/**
 * One command on both systems: the core under test first, then the spec twin, which makes the
 * same allocation choices (recorded); the step records must be equal. The coverage cases it
 * reached: its outcome, alone and with each situation it met (situations.ts).
 */
const stepBoth = (pair: Pair, c: SystemCommand): readonly string[] => {
  const tags = situations(pair.spec, c);
  const b = checkedSystemStep(pair.real, c);
  const a = checkedSystemStep(pair.spec, c);
  pair.choices.clear();
  const agree = a.kind === "call" && b.kind === "call" ? sameResult(a.result, b.result) : sameRecord(a, b);
  if (!agree) throw new SystemViolation("agreement", `the systems diverge: on the spec ${JSON.stringify(a)}, on the core under test ${JSON.stringify(b)}`);
  const key = recordKey(c, a);
  return [key, ...tags.map((t) => `${key}+${t}`)];
};

const endBoth = (pair: Pair): void => {
  for (const sys of [pair.spec, pair.real]) {
    const known = surveyNow(sys).known;
    sys.teardown();
    checkNoLeak(sys, known, SYSTEM_CAPACITY);
  }
};

/** The model of one run: the twins and the run's swarm. */
interface RunModel {
  readonly pair: Pair;
  readonly swarm: Swarm;
}

class SystemStep implements fc.Command<RunModel, null> {
  resolved: SystemCommand | null = null;
  /** What `check` resolved, on the system it saw: `run` follows `check` on the same state. */
  private checked: { readonly on: System; readonly command: SystemCommand } | null = null;
  constructor(readonly abs: AbstractSystemCommand, readonly draw: number, private readonly seen: (keys: readonly string[]) => void) {}
  check(m: Readonly<RunModel>): boolean {
    const c = issues(m.swarm, this.abs.op, this.draw) ? resolveSystem(m.pair.spec, this.abs, m.swarm) : null;
    this.checked = c === null ? null : { on: m.pair.spec, command: c };
    return c !== null;
  }
  run(m: RunModel): void {
    const c = this.checked?.on === m.pair.spec ? this.checked.command : resolveSystem(m.pair.spec, this.abs, m.swarm);
    this.checked = null;
    if (c === null) throw new Error("precondition broken: system command does not resolve");
    this.resolved = c;
    this.seen(stepBoth(m.pair, c));
  }
  toString(): string {
    return this.resolved === null ? this.abs.op : JSON.stringify(this.resolved);
  }
}

const newPair = (opts: SystemSuiteOptions): Pair => {
  const choices = recordChoices(opts.makeCore());
  const real = new System(choices.core, opts.drivers ?? CORRECT_DRIVERS);
  return { real, spec: new System(new SpecCore({}, choices.chooser), opts.drivers ?? CORRECT_DRIVERS), choices };
};

/**
 * Run concrete system commands on a fresh pair (spec twin + core under test), then teardown and
 * the leak check: where it failed (-1 if it did not) and why.
 */
export const replaySystemCommands = (makeCore: () => IoasidCore, drivers: DriverSet, cmds: readonly SystemCommand[]) => {
  let pair: Pair;
  try {
    pair = newPair({ makeCore, drivers });
  } catch (e) {
    // A core that crashes while the drivers set up (registering notifiers) fails before step 1.
    return { failedStep: 0, kind: e instanceof SystemViolation ? e.property : "error", detail: e instanceof Error ? e.message : String(e) };
  }
  for (const [i, c] of cmds.entries()) {
    try {
      stepBoth(pair, c);
    } catch (e) {
      return { failedStep: i, kind: e instanceof SystemViolation ? e.property : "error", detail: e instanceof Error ? e.message : String(e) };
    }
  }
  try {
    endBoth(pair);
  } catch (e) {
    return { failedStep: cmds.length, kind: e instanceof SystemViolation ? e.property : "error", detail: e instanceof Error ? e.message : String(e) };
  }
  return { failedStep: -1, kind: "", detail: "" };
};

/** Replay abstract commands on a fresh pair: the concrete trace and where it failed. */
const replayRun = (opts: SystemSuiteOptions, steps: readonly SystemStep[], swarm: Swarm) => {
  const commands: SystemCommand[] = [];
  let pair: Pair;
  try {
    pair = newPair(opts);
  } catch (e) {
    // A core that crashes while the drivers set up (registering notifiers) fails before step 1.
    return { commands, failedStep: 0, detail: e instanceof Error ? e.message : String(e) };
  }
  try {
    for (const { abs: a, draw } of steps) {
      const c = issues(swarm, a.op, draw) ? resolveSystem(pair.spec, a, swarm) : null;
      if (c === null) continue;
      commands.push(c);
      stepBoth(pair, c);
    }
  } catch (e) {
    return { commands, failedStep: commands.length - 1, detail: e instanceof Error ? e.message : String(e) };
  }
  try {
    endBoth(pair);
  } catch (e) {
    return { commands, failedStep: commands.length, detail: e instanceof Error ? e.message : String(e) };
  }
  return { commands, failedStep: -1, detail: "" };
};

const seedArb = fc.nat({ max: 1 << 16 });

const KINDS = Object.keys(SYSTEM_WEIGHTS).filter((k): k is SystemCommandKind => Object.hasOwn(SYSTEM_WEIGHTS, k));

/** Run the system suite. */
export const runSystemSuite = (opts: SystemSuiteOptions): SystemSuiteReport => {
  const reached = new Map<string, number>();
  let commands = 0;
  let failing = false;
  const seen = (keys: readonly string[]) => {
    if (failing) return;
    commands++;
    for (const key of keys) reached.set(key, (reached.get(key) ?? 0) + 1);
  };
  const absArb: fc.Arbitrary<AbstractSystemCommand> = fc.oneof(...KINDS.map((op) => ({
    weight: SYSTEM_WEIGHTS[op],
    arbitrary: fc.tuple(seedArb, seedArb, seedArb).map((seeds) => ({ op, seeds })),
  })));
  const cmdArb = fc.tuple(absArb, fc.nat({ max: 99 })).map(([a, draw]) => new SystemStep(a, draw, seen), (c): [AbstractSystemCommand, number] => {
    if (c instanceof SystemStep) return [c.abs, c.draw];
    throw new Error("not a SystemStep");
  });
  const replay = splitPath(opts.path);
  const commandsArb = fc.commands([cmdArb], { maxCommands: opts.maxCommands ?? DEFAULT_SYSTEM_COMMANDS, size: "max", ...(replay.replayPath === undefined ? {} : { replayPath: replay.replayPath }) });
  const prop = fc.property(swarmArb(KINDS), commandsArb, (swarm, cmds) => {
    let pair: Pair | null = null;
    try {
      fc.modelRun(() => {
        pair = newPair(opts);
        return { model: { pair, swarm }, real: null };
      }, cmds);
      if (pair !== null) endBoth(pair);
    } catch (e) {
      failing = true;
      throw e;
    }
  });
  const seed = opts.seed ?? Date.now() ^ (Math.random() * 0x100000000);
  const details = fc.check(prop, { numRuns: opts.numRuns ?? DEFAULT_SYSTEM_RUNS, seed, ...(replay.path === undefined ? {} : { path: replay.path }), ...(opts.timeLimitMs === undefined ? {} : { interruptAfterTimeLimit: opts.timeLimitMs, markInterruptAsFailure: false }) });
  let failure: SystemFailure | null = null;
  if (details.failed && !(details.interrupted && details.counterexample === null)) {
    const [swarm, cmds] = details.counterexample ?? [fullSwarm(KINDS), []];
    const steps = [...cmds].flatMap((c) => {
      const inner: unknown = typeof c === "object" && c !== null && "cmd" in c ? c.cmd : c;
      return inner instanceof SystemStep ? [inner] : [];
    });
    const r = replayRun(opts, steps, swarm);
    const detail = r.detail || (details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance));
    failure = { seed, path: joinPath(details.counterexamplePath ?? "", cmds), commands: r.commands, failedStep: r.failedStep, detail };
  }
  return { runs: details.numRuns, commands, reached, failure, seed };
};
