/**
 * The driver: runs concrete commands on any IoasidCore and records the outcome in the same shape
 * and order as the spec's world (spec/world.ts), so the two can be compared event by event.
 *
 * Rules:
 *  1. A notifier registered by a command gets a real callback compiled from its reaction: it
 *     records the delivery, runs the "now" calls on the core it is handed, records each call
 *     after the events it caused, and queues the "later" calls as one work item.
 *  2. `run_work` runs the oldest queued item's calls in thread context.
 *  3. A core that throws is reported as a thrown error, never swallowed.
 *  4. `fail_nth` (D32) answers Ok at once and arms the core (`failNth`) just before the next
 *     command's core call, so deferred work never sees it: a `run_work` or another `fail_nth`
 *     next drops the arming, and so does an n that is not an integer >= 1. A core without
 *     `failNth` is never armed.
 */
import type { Command } from "../../api/commands.js";
import type { Handler, IoasidCore } from "../../api/core.js";
import type { Delivery } from "../../api/notification.js";
import type { Outcome, TraceEvent } from "../../api/outcome.js";
import type { HandlerCall, Reaction } from "../../api/reaction.js";
import type { CallResult } from "../../api/result.js";
import { ok } from "../../api/result.js";
import { MAX_IOASID, MIN_IOASID } from "../../api/constants.js";
import { AllocatorFns } from "./allocator-ops.js";
import { faultOf } from "./model.js";

interface QueuedWork {
  readonly notifier: string;
  readonly id: number;
  readonly set: number;
  readonly calls: readonly HandlerCall[];
}

/** The core method a handler call maps to (a switch with no default: exhaustive by its return type). */
export function invokeHandlerCall(core: IoasidCore, call: HandlerCall, t: { readonly id: number; readonly set: number }): CallResult {
  switch (call) {
    case "get_locked": return core.getLocked(t.set, t.id);
    case "put_locked": return core.putLocked(t.set, t.id);
    case "set_get_locked": return core.setGetLocked(t.set);
    case "set_put_locked": return core.setPutLocked(t.set);
    case "get": return core.get(t.set, t.id);
    case "put": return core.put(t.set, t.id);
    case "find": return core.find(t.set, t.id, "none");
    case "free": return core.free(t.set, t.id);
    case "for_each_ioasid": return core.forEachIoasid(t.set);
    case "alloc": return core.alloc(t.set, MIN_IOASID, MAX_IOASID, null);
  }
}

/** Drives one core under test. */
export class CoreDriver {
  private readonly work: QueuedWork[] = [];
  private events: TraceEvent[] = [];
  readonly allocators = new AllocatorFns();
  /** The n of a `fail_nth` just run, for the next command (rule 4); 0 when none. */
  private fault = 0;
  /** Did the last `run` arm the core before its call (rule 4)? */
  private armedLast = false;

  /** The last command ran armed: its core had `failNth` and was armed just before the call. */
  get armed(): boolean {
    return this.armedLast;
  }

  constructor(readonly core: IoasidCore) {}

  /** Work items waiting. */
  get pendingWork(): number {
    return this.work.length;
  }

  private handlerFor(name: string, reaction: Reaction): Handler {
    return (d: Delivery, core: IoasidCore) => {
      this.events.push({ kind: "deliver", delivery: d });
      if (!reaction.on.includes(d.event)) return;
      for (const call of reaction.now) {
        const result = invokeHandlerCall(core, call, d);
        this.events.push({ kind: "call", notifier: name, context: "handler", call, id: d.id, result });
      }
      if (reaction.later.length > 0) this.work.push({ notifier: name, id: d.id, set: d.set, calls: reaction.later });
    };
  }

  private runWork(): CallResult {
    const item = this.work.shift();
    if (item === undefined) return ok(null);
    for (const call of item.calls) {
      const result = invokeHandlerCall(this.core, call, item);
      this.events.push({ kind: "call", notifier: item.notifier, context: "work", call, id: item.id, result });
    }
    return ok(item.notifier);
  }

  /** Call the core for one command (a switch with no default: exhaustive by its return type). */
  private call(c: Command): CallResult {
    const k = this.core;
    switch (c.op) {
      case "alloc_set": return k.allocSet(c.token, c.quota);
      case "adjust_set": return k.adjustSet(c.set, c.quota);
      case "set_get": return k.setGet(c.set);
      case "set_get_locked": return k.setGetLocked(c.set);
      case "set_put": return k.setPut(c.set);
      case "set_put_locked": return k.setPutLocked(c.set);
      case "for_each_ioasid": return k.forEachIoasid(c.set);
      case "alloc": return k.alloc(c.set, c.min, c.max, c.data);
      case "free": return k.free(c.set, c.id);
      case "get": return k.get(c.set, c.id);
      case "get_locked": return k.getLocked(c.set, c.id);
      case "put": return k.put(c.set, c.id);
      case "put_locked": return k.putLocked(c.set, c.id);
      case "find": return k.find(c.set, c.id, c.getter);
      case "attach_data": return k.attachData(c.set, c.id, c.data);
      case "attach_spid": return k.attachSpid(c.set, c.id, c.spid);
      case "detach_spid": return k.detachSpid(c.set, c.id);
      case "find_by_spid": return k.findBySpid(c.set, c.spid);
      case "register_notifier": return k.registerNotifier(c.set, { name: c.name, priority: c.priority, handler: this.handlerFor(c.name, c.reaction) });
      case "unregister_notifier": return k.unregisterNotifier(c.set, c.name);
      case "register_notifier_mm": return k.registerNotifierMm(c.mm, { name: c.name, priority: c.priority, handler: this.handlerFor(c.name, c.reaction) });
      case "unregister_notifier_mm": return k.unregisterNotifierMm(c.mm, c.name);
      case "notify": return k.notify(c.set, c.id, c.event);
      case "register_allocator": return k.registerAllocator(this.allocators.ops(c.name, c.fns));
      case "unregister_allocator": return k.unregisterAllocator(c.name);
      case "run_work": return this.runWork();
      case "fail_nth": return ok(null);
    }
  }

  /** Rule 4: arm the core for `c` when the command before it was `fail_nth`. */
  private arm(c: Command): void {
    const n = this.fault;
    this.fault = faultOf(c);
    this.armedLast = false;
    if (n === 0 || c.op === "fail_nth" || c.op === "run_work" || this.core.failNth === undefined) return;
    this.core.failNth(n);
    this.armedLast = true;
  }

  /** Run one command and return its outcome. */
  run(cmd: Command): Outcome {
    this.events = [];
    this.allocators.takeAnswer();
    this.arm(cmd);
    const result = this.call(cmd);
    const events = this.events;
    this.events = [];
    return { result, events };
  }
}
