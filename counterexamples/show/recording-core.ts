/**
 * An IoasidCore wrapper that records every call the drivers make, and every delivery, into the
 * open step of a TreeBuilder (the whole interface, as properties/system/ref-column.ts wraps it).
 *
 * Rules:
 *  1. A call is attributed to the receiver of the innermost open delivery (a handler's call);
 *     otherwise registrations to the notifier they name (columns.ts) and anything else to
 *     `caller(method)`, which the replay sets per command.
 *  2. Handlers are wrapped so that their delivery is recorded and the core they are handed is
 *     this wrapper: their calls are recorded too.
 *  3. Calls outside a recorded step (boot) pass through unrecorded. inspectId is not a call.
 */
import type { CoreCall } from "../../api/commands.js";
import type { IoasidCore, NotifierBlock } from "../../api/core.js";
import type { CallResult } from "../../api/result.js";
import { ok } from "../../api/result.js";
import { SILENT } from "../../api/reaction.js";
import type { SpecCore } from "../../spec/spec-core.js";
import type { CallNode, DeliverNode, TreeBuilder } from "./nodes.js";
import { callSubject } from "./nodes.js";
import type { Actor } from "./types.js";
import { notifierActor } from "./columns.js";
import { formatCall } from "./text.js";

/** The name of a core method, for attribution. */
export type CoreMethod = Exclude<keyof IoasidCore, "inspectId">;

/** Rules 1 to 3. */
export class RecordingCore implements IoasidCore {
  /** Who makes top-level calls in the current command (rule 1). */
  caller: (method: CoreMethod) => Actor = () => ({ column: "VFIO", instance: null });

  constructor(private readonly spec: SpecCore, private readonly tree: TreeBuilder) {}

  private call(method: CoreMethod, c: CoreCall, run: () => CallResult, owner: Actor | null = null): CallResult {
    if (!this.tree.recording) return run();
    const inHandler = this.tree.handler;
    const actor = inHandler ?? owner ?? this.caller(method);
    const before = this.spec.state;
    const node: CallNode = { kind: "call", actor, op: c.op, text: formatCall(c, inHandler !== null), subject: callSubject(c, null), before, after: before, result: ok(null), children: [] };
    const r = this.tree.child(node, run);
    node.after = this.spec.state;
    node.result = r;
    node.subject = callSubject(c, r.ok ? r.value : null);
    return r;
  }

  /** Rule 2. */
  private wrap(nb: NotifierBlock): NotifierBlock {
    return {
      ...nb,
      handler: (d) => {
        const before = this.spec.state;
        const node: DeliverNode = { kind: "deliver", actor: notifierActor(d.notifier), delivery: d, before, after: before, children: [] };
        this.tree.child(node, () => nb.handler(d, this));
        node.after = this.spec.state;
      },
    };
  }

  allocSet(...a: Parameters<IoasidCore["allocSet"]>): CallResult {
    return this.call("allocSet", { op: "alloc_set", token: a[0], quota: a[1] }, () => this.spec.allocSet(...a));
  }
  adjustSet(...a: Parameters<IoasidCore["adjustSet"]>): CallResult {
    return this.call("adjustSet", { op: "adjust_set", set: a[0], quota: a[1] }, () => this.spec.adjustSet(...a));
  }
  setGet(set: number): CallResult {
    return this.call("setGet", { op: "set_get", set }, () => this.spec.setGet(set));
  }
  setGetLocked(set: number): CallResult {
    return this.call("setGetLocked", { op: "set_get_locked", set }, () => this.spec.setGetLocked(set));
  }
  setPut(set: number): CallResult {
    return this.call("setPut", { op: "set_put", set }, () => this.spec.setPut(set));
  }
  setPutLocked(set: number): CallResult {
    return this.call("setPutLocked", { op: "set_put_locked", set }, () => this.spec.setPutLocked(set));
  }
  forEachIoasid(set: number): CallResult {
    return this.call("forEachIoasid", { op: "for_each_ioasid", set }, () => this.spec.forEachIoasid(set));
  }
  alloc(...a: Parameters<IoasidCore["alloc"]>): CallResult {
    return this.call("alloc", { op: "alloc", set: a[0], min: a[1], max: a[2], data: a[3] }, () => this.spec.alloc(...a));
  }
  free(set: number | null, id: number): CallResult {
    return this.call("free", { op: "free", set, id }, () => this.spec.free(set, id));
  }
  get(set: number | null, id: number): CallResult {
    return this.call("get", { op: "get", set, id }, () => this.spec.get(set, id));
  }
  getLocked(set: number | null, id: number): CallResult {
    return this.call("getLocked", { op: "get_locked", set, id }, () => this.spec.getLocked(set, id));
  }
  put(set: number | null, id: number): CallResult {
    return this.call("put", { op: "put", set, id }, () => this.spec.put(set, id));
  }
  putLocked(set: number | null, id: number): CallResult {
    return this.call("putLocked", { op: "put_locked", set, id }, () => this.spec.putLocked(set, id));
  }
  find(...a: Parameters<IoasidCore["find"]>): CallResult {
    return this.call("find", { op: "find", set: a[0], id: a[1], getter: a[2] }, () => this.spec.find(...a));
  }
  attachData(...a: Parameters<IoasidCore["attachData"]>): CallResult {
    return this.call("attachData", { op: "attach_data", set: a[0], id: a[1], data: a[2] }, () => this.spec.attachData(...a));
  }
  attachSpid(set: number | null, id: number, spid: number): CallResult {
    return this.call("attachSpid", { op: "attach_spid", set, id, spid }, () => this.spec.attachSpid(set, id, spid));
  }
  detachSpid(set: number | null, id: number): CallResult {
    return this.call("detachSpid", { op: "detach_spid", set, id }, () => this.spec.detachSpid(set, id));
  }
  findBySpid(set: number | null, spid: number): CallResult {
    return this.call("findBySpid", { op: "find_by_spid", set, spid }, () => this.spec.findBySpid(set, spid));
  }
  registerNotifier(set: number | null, nb: NotifierBlock): CallResult {
    const c: CoreCall = { op: "register_notifier", set, name: nb.name, priority: nb.priority, reaction: SILENT };
    return this.call("registerNotifier", c, () => this.spec.registerNotifier(set, this.wrap(nb)), notifierActor(nb.name));
  }
  unregisterNotifier(set: number | null, name: string): CallResult {
    return this.call("unregisterNotifier", { op: "unregister_notifier", set, name }, () => this.spec.unregisterNotifier(set, name), notifierActor(name));
  }
  registerNotifierMm(mm: number, nb: NotifierBlock): CallResult {
    const c: CoreCall = { op: "register_notifier_mm", mm, name: nb.name, priority: nb.priority, reaction: SILENT };
    return this.call("registerNotifierMm", c, () => this.spec.registerNotifierMm(mm, this.wrap(nb)), notifierActor(nb.name));
  }
  unregisterNotifierMm(mm: number, name: string): CallResult {
    return this.call("unregisterNotifierMm", { op: "unregister_notifier_mm", mm, name }, () => this.spec.unregisterNotifierMm(mm, name), notifierActor(name));
  }
  notify(...a: Parameters<IoasidCore["notify"]>): CallResult {
    return this.call("notify", { op: "notify", set: a[0], id: a[1], event: a[2] }, () => this.spec.notify(...a));
  }
  registerAllocator(...a: Parameters<IoasidCore["registerAllocator"]>): CallResult {
    return this.call("registerAllocator", { op: "register_allocator", name: a[0].name, fns: "" }, () => this.spec.registerAllocator(...a));
  }
  unregisterAllocator(name: string): CallResult {
    return this.call("unregisterAllocator", { op: "unregister_allocator", name }, () => this.spec.unregisterAllocator(name));
  }
  inspectId(id: number): ReturnType<IoasidCore["inspectId"]> {
    return this.spec.inspectId(id);
  }
}
