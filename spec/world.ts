/**
 * A closed world around the core, so the spec runs on its own: handlers are given as data
 * (api/reaction.ts) and deferred work waits in a FIFO queue until a `run_work` command runs it.
 *
 * Rules:
 *  1. A delivery to a notifier whose reaction lists the event runs the reaction's "now" calls in
 *     handler context, in order, then queues its "later" calls as one work item.
 *  2. `run_work` runs the oldest work item's calls in thread context; an empty queue is a no-op.
 *  3. The outcome of a step lists deliveries and handler/work calls in the order they happened;
 *     a call is listed after the events it caused.
 *  4. Deferred work may allocate (`alloc`, D31): which ID it gets is the implementation's choice
 *     (D6), handed in by the caller in order; without one the spec takes its canonical choice.
 *     Inside a handler an allocation answers EDEADLK and takes no choice.
 *  5. `fail_nth` arms the core under test only (D32): it answers Ok and changes nothing here.
 */
import type { Command, CoreCall } from "../api/commands.js";
import type { Delivery } from "../api/notification.js";
import type { Outcome, TraceEvent } from "../api/outcome.js";
import type { HandlerCall, Reaction } from "../api/reaction.js";
import { err, ok } from "../api/result.js";
import { MAX_IOASID, MIN_IOASID } from "../api/constants.js";
import type { CoreState, SpecConfig } from "./state.js";
import { initialState } from "./state.js";
import type { Deliver, Sys } from "./step-types.js";
import { stepCore } from "./step.js";

/** One deferred work item: the calls a handler queued for the ID it was told about. */
export interface WorkItem {
  readonly notifier: string;
  readonly id: number;
  readonly set: number;
  readonly calls: readonly HandlerCall[];
}

/** The environment of the world: the handlers' reactions and the work queue. */
export interface WorldEnv {
  readonly reactions: ReadonlyMap<string, Reaction>;
  readonly work: readonly WorkItem[];
}

/** The world: core state plus environment. */
export type World = Sys<WorldEnv>;

/** A fresh world. */
export const initialWorld = (config: Partial<SpecConfig> = {}): World =>
  ({ core: initialState(config), env: { reactions: new Map(), work: [] } });

/** The core call a handler call makes on the delivered ID (a switch with no default: exhaustive by its return type). */
export function handlerCallToCore(call: HandlerCall, target: { readonly id: number; readonly set: number }): CoreCall {
  switch (call) {
    case "get_locked":
    case "put_locked":
    case "get":
    case "put":
    case "free":
      return { op: call, set: target.set, id: target.id };
    case "find":
      return { op: "find", set: target.set, id: target.id, getter: "none" };
    case "set_get_locked":
    case "set_put_locked":
    case "for_each_ioasid":
      return { op: call, set: target.set };
    case "alloc":
      return { op: "alloc", set: target.set, min: MIN_IOASID, max: MAX_IOASID, data: null };
  }
}

interface Ran {
  readonly sys: World;
  readonly events: readonly TraceEvent[];
}

/**
 * Run calls one after another, each with its call event after the events it caused. An `alloc`
 * call takes the next of `choices` as its implementation's choice (rule 4), canonical when none.
 */
const runCalls = (sys: World, item: WorkItem, context: "handler" | "work", choices: readonly (number | undefined)[] = []): Ran => {
  let cur = sys;
  let next = 0;
  const events: TraceEvent[] = [];
  for (const call of item.calls) {
    const choice = call === "alloc" ? choices[next++] : undefined;
    const ctx = { sys: cur, deliver: worldDeliver };
    const st = stepCore(choice === undefined ? ctx : { ...ctx, choice }, handlerCallToCore(call, item));
    if (st.ok) {
      cur = { core: st.core, env: st.env };
      events.push(...st.events);
    }
    events.push({ kind: "call", notifier: item.notifier, context, call, id: item.id, result: st.ok ? ok(st.value) : err(st.errno) });
  }
  return { sys: cur, events };
};

/** The world's handlers (rule 1). */
export const worldDeliver: Deliver<WorldEnv> = (core: CoreState, env: WorldEnv, d: Delivery) => {
  const reaction = env.reactions.get(d.notifier);
  if (reaction === undefined || !reaction.on.includes(d.event)) return { core, env, events: [] };
  const target = { notifier: d.notifier, id: d.id, set: d.set };
  const ran = runCalls({ core, env }, { ...target, calls: reaction.now }, "handler");
  const work = reaction.later.length > 0 ? [...ran.sys.env.work, { ...target, calls: reaction.later }] : ran.sys.env.work;
  return { core: ran.sys.core, env: { ...ran.sys.env, work }, events: ran.events };
};

/** The reactions after a successful registration command. */
const reactionsAfter = (reactions: ReadonlyMap<string, Reaction>, cmd: CoreCall): ReadonlyMap<string, Reaction> =>
  cmd.op === "register_notifier" || cmd.op === "register_notifier_mm" ? new Map(reactions).set(cmd.name, cmd.reaction) : reactions;

/** Run the oldest work item (rule 2). */
const runWork = (w: World, choices: readonly (number | undefined)[]): { readonly world: World; readonly outcome: Outcome } => {
  const [head, ...rest] = w.env.work;
  if (head === undefined) return { world: w, outcome: { result: ok(null), events: [] } };
  const ran = runCalls({ core: w.core, env: { ...w.env, work: rest } }, head, "work", choices);
  return { world: ran.sys, outcome: { result: ok(head.notifier), events: ran.events } };
};

/**
 * The choices of rule 4 an outcome shows: the IDs its deferred work's `alloc` calls returned,
 * in order (undefined for a refused one). How a checker, or a replay of a recorded run, hands an
 * implementation's deferred allocations back to `worldStep`.
 */
export const workAllocChoices = (o: Outcome): readonly (number | undefined)[] =>
  o.events.length === 0 ? [] : o.events.flatMap((e) => (e.kind === "call" && e.context === "work" && e.call === "alloc"
    ? [e.result.ok && typeof e.result.value === "number" ? e.result.value : undefined]
    : []));

/**
 * One step of the world: the next world and the outcome. `choice` as in StepContext; for
 * `run_work`, `workChoices` are the IDs its `alloc` calls take, in order
 * (rule 4; undefined: the canonical one).
 */
export const worldStep = (w: World, cmd: Command, choice?: number, workChoices: readonly (number | undefined)[] = []): { readonly world: World; readonly outcome: Outcome } => {
  if (cmd.op === "run_work") return runWork(w, workChoices);
  if (cmd.op === "fail_nth") return { world: w, outcome: { result: ok(null), events: [] } }; // D32: arms the core under test only
  const st = stepCore(choice === undefined ? { sys: w, deliver: worldDeliver } : { sys: w, deliver: worldDeliver, choice }, cmd);
  if (!st.ok) return { world: w, outcome: { result: err(st.errno), events: [] } };
  const env = { ...st.env, reactions: reactionsAfter(st.env.reactions, cmd) };
  return { world: { core: st.core, env }, outcome: { result: ok(st.value), events: st.events } };
};
