/**
 * Replay a core trace on the spec's world, recording the call tree of every step.
 *
 * Rules:
 *  1. The spec world (spec/world.ts `worldStep`) decides every step; the recording runs the same
 *     step through `stepCore` with a delivering function that follows the world's rules (a
 *     delivery runs the reaction's "now" calls in handler context, queues its "later" calls;
 *     run_work runs the oldest item) and records as it goes. Both must give the same outcome:
 *     a difference is a bug of this file and throws.
 *  2. alloc and alloc_set are given the number the trace recorded as the choice when the spec
 *     accepts it; a number the spec returns instead renames the recorded one in later commands.
 *     The IDs the recording core's deferred work allocated (trace `workValues`, D31) are handed
 *     to the world in order, as the conformance step checker hands them (spec/world.ts rule 4),
 *     and renamed the same way.
 *  3. Who calls (a bare core trace does not say): registration calls are the notifier's own
 *     (columns.ts), notify is the IOMMU driver's, every other call (set and ID management) is
 *     VFIO's; handler and work calls, and deliveries, are their notifier's; run_work on an
 *     empty queue is the IOASID core column's, and so is fail_nth (D32: it arms the core under
 *     test; the spec's run shows the armed call as the spec answers it).
 */
import type { Command, CoreCall } from "../../api/commands.js";
import type { Delivery } from "../../api/notification.js";
import type { Outcome, TraceEvent } from "../../api/outcome.js";
import { err, ok } from "../../api/result.js";
import type { CoreState } from "../../spec/state.js";
import type { Deliver } from "../../spec/step-types.js";
import { stepCore } from "../../spec/step.js";
import type { World, WorldEnv, WorkItem } from "../../spec/world.js";
import { handlerCallToCore, initialWorld, workAllocChoices, worldStep } from "../../spec/world.js";
import { acceptsIdChoice } from "../../spec/actions/alloc.js";
import { acceptsSetHandle } from "../../spec/actions/alloc-set.js";
import type { CoreTrace } from "../trace.js";
import type { ActionNode, CallNode, DeliverNode, Node } from "./nodes.js";
import { callSubject, TreeBuilder } from "./nodes.js";
import type { Recorded } from "./assemble.js";
import type { Actor } from "./types.js";
import { CORE_COLUMN } from "./types.js";
import { notifierActor } from "./columns.js";
import { formatCall } from "./text.js";

const VFIO: Actor = { column: "VFIO", instance: null };
const IOMMU: Actor = { column: "IOMMU", instance: null };
const CORE: Actor = { column: CORE_COLUMN, instance: null };

/** Rule 3 for a command's own call (a switch with no default: exhaustive by its return type). */
export function coreCaller(c: CoreCall): Actor {
  switch (c.op) {
    case "register_notifier":
    case "unregister_notifier":
    case "register_notifier_mm":
    case "unregister_notifier_mm":
      return notifierActor(c.name);
    case "notify":
      return IOMMU;
    case "alloc_set": case "adjust_set": case "set_get": case "set_get_locked": case "set_put": case "set_put_locked":
    case "for_each_ioasid": case "alloc": case "free": case "get": case "get_locked": case "put": case "put_locked":
    case "find": case "attach_data": case "attach_spid": case "detach_spid": case "find_by_spid":
    case "register_allocator": case "unregister_allocator":
      return VFIO;
  }
}

const opOf = (c: CoreCall): string => c.op;

/** The recording half of rule 1. */
class Recorder {
  readonly tree = new TreeBuilder();

  private callNode(actor: Actor, call: CoreCall, inHandler: boolean, before: CoreState): CallNode {
    return { kind: "call", actor, op: opOf(call), text: formatCall(call, inHandler), subject: callSubject(call, null), before, after: before, result: ok(null), children: [] };
  }

  /** One core call with the recording deliver; the node is filled in. */
  private step(w: World, call: CoreCall, node: CallNode, asRoot: boolean, choice?: number) {
    const run = () => stepCore(choice === undefined ? { sys: w, deliver: this.deliver } : { sys: w, deliver: this.deliver, choice }, call);
    const st = asRoot ? this.tree.root(node, run) : this.tree.child(node, run);
    node.after = st.ok ? st.core : w.core;
    node.result = st.ok ? ok(st.value) : err(st.errno);
    node.subject = callSubject(call, st.ok ? st.value : null);
    return st;
  }

  /** The world's runCalls, recorded: an `alloc` takes the next of `choices` (spec/world.ts rule 4). */
  private runCalls(sys: World, item: WorkItem, context: "handler" | "work", choices: readonly (number | undefined)[] = []): { readonly sys: World; readonly events: readonly TraceEvent[] } {
    let cur = sys;
    let next = 0;
    const events: TraceEvent[] = [];
    for (const call of item.calls) {
      const core = handlerCallToCore(call, item);
      const choice = call === "alloc" ? choices[next++] : undefined;
      const st = this.step(cur, core, this.callNode(notifierActor(item.notifier), core, true, cur.core), false, choice);
      if (st.ok) {
        cur = { core: st.core, env: st.env };
        events.push(...st.events);
      }
      events.push({ kind: "call", notifier: item.notifier, context, call, id: item.id, result: st.ok ? ok(st.value) : err(st.errno) });
    }
    return { sys: cur, events };
  }

  /** The world's deliver, recorded. */
  readonly deliver: Deliver<WorldEnv> = (core: CoreState, env: WorldEnv, d: Delivery) => {
    const node: DeliverNode = { kind: "deliver", actor: notifierActor(d.notifier), delivery: d, before: core, after: core, children: [] };
    const out = this.tree.child(node, () => {
      const reaction = env.reactions.get(d.notifier);
      if (reaction === undefined || !reaction.on.includes(d.event)) return { core, env, events: [] };
      const target = { notifier: d.notifier, id: d.id, set: d.set };
      const ran = this.runCalls({ core, env }, { ...target, calls: reaction.now }, "handler");
      const work = reaction.later.length > 0 ? [...ran.sys.env.work, { ...target, calls: reaction.later }] : ran.sys.env.work;
      return { core: ran.sys.core, env: { ...ran.sys.env, work }, events: ran.events };
    });
    node.after = out.core;
    return out;
  };

  /** One command: its root node and its outcome; `workChoices` as worldStep's. */
  command(w: World, cmd: Command, choice: number | undefined, workChoices: readonly (number | undefined)[]): { readonly root: Node; readonly outcome: Outcome } {
    if (cmd.op === "run_work") {
      const [head, ...rest] = w.env.work;
      const actor = head === undefined ? CORE : notifierActor(head.notifier);
      const text = head === undefined ? "run_work: nothing queued" : `run work of ${head.notifier}: ${head.calls.join(", ") || "no calls"}`;
      const root: ActionNode = { kind: "action", actor, from: actor, to: actor, text, subject: head?.id ?? null, teardown: false, before: w.core, after: w.core, children: [] };
      if (head === undefined) return { root, outcome: { result: ok(null), events: [] } };
      const ran = this.tree.root(root, () => this.runCalls({ core: w.core, env: { ...w.env, work: rest } }, head, "work", workChoices));
      root.after = ran.sys.core;
      return { root, outcome: { result: ok(head.notifier), events: ran.events } };
    }
    if (cmd.op === "fail_nth") {
      const text = `fail_nth ${cmd.n}: allocation ${cmd.n} of the next call fails`;
      const root: ActionNode = { kind: "action", actor: CORE, from: CORE, to: CORE, text, subject: null, teardown: false, before: w.core, after: w.core, children: [] };
      return { root, outcome: { result: ok(null), events: [] } };
    }
    const root = this.callNode(coreCaller(cmd), cmd, false, w.core);
    const st = this.step(w, cmd, root, true, choice);
    return { root, outcome: st.ok ? { result: ok(st.value), events: st.events } : { result: err(st.errno), events: [] } };
  }
}

/** Rule 2: the recorded numbers renamed to the spec's. */
const rename = (c: Command, ids: ReadonlyMap<number, number>, sets: ReadonlyMap<number, number>): Command => {
  let out: Command = c;
  if ("set" in out && typeof out.set === "number") out = { ...out, set: sets.get(out.set) ?? out.set };
  if ("id" in out) out = { ...out, id: ids.get(out.id) ?? out.id };
  return out;
};

/** Rule 2: the choice to give the spec. */
const choiceFor = (w: World, c: Command, recorded: number | null | undefined): number | undefined => {
  if (typeof recorded !== "number") return undefined;
  if (c.op === "alloc") return acceptsIdChoice(w.core, c, recorded) ? recorded : undefined;
  if (c.op === "alloc_set") return acceptsSetHandle(w.core, recorded) ? recorded : undefined;
  return undefined;
};

/** Replay a core trace (rules 1 to 3). */
export const recordCore = (t: CoreTrace): Recorded => {
  const rec = new Recorder();
  let world = initialWorld({ capacity: t.capacity });
  const initial = world.core;
  const ids = new Map<number, number>();
  const sets = new Map<number, number>();
  const steps: Node[] = [];
  for (const [i, recorded] of t.commands.entries()) {
    const cmd = rename(recorded, ids, sets);
    const choice = choiceFor(world, cmd, t.values[i]);
    const recordedWork = t.workValues?.[i] ?? [];
    const workChoices = recordedWork.map((id) => id ?? undefined);
    const mine = rec.command(world, cmd, choice, workChoices);
    const truth = worldStep(world, cmd, choice, workChoices);
    if (JSON.stringify(mine.outcome) !== JSON.stringify(truth.outcome)) {
      throw new Error(`show: the recorded step ${i} disagrees with the spec world: ${JSON.stringify(mine.outcome)} vs ${JSON.stringify(truth.outcome)}`);
    }
    steps.push(mine.root);
    world = truth.world;
    const r = truth.outcome.result;
    const was = t.values[i];
    if (r.ok && typeof r.value === "number" && typeof was === "number" && was !== r.value) {
      (cmd.op === "alloc_set" ? sets : ids).set(was, r.value);
    }
    for (const [j, id] of workAllocChoices(truth.outcome).entries()) {
      const wasId = recordedWork[j];
      if (id !== undefined && typeof wasId === "number" && wasId !== id) ids.set(wasId, id);
    }
  }
  return { suite: "core", implementation: t.implementation, note: t.note, spidWord: "spid", initial, steps, teardown: null, violation: t.violation };
};
