/**
 * The spec as an IoasidCore: a thin stateful wrapper that holds the current state and runs each
 * call through the pure actions. Handlers are real callbacks; a handler's calls re-enter the
 * wrapper and run one level deeper, so EDEADLK and nesting come from the spec itself.
 *
 * Rules:
 *  1. The wrapper keeps no rule of its own: every result comes from `stepCore`.
 *  2. Canonical choices: the lowest free ID, a never-reused set handle. With a custom allocator
 *     active, its ops are asked for the ID (only once the guard passed) and the answer is judged
 *     by the spec (D29); reclaimed IDs of a custom space are given back to its ops.
 *  3. A handler that throws is treated as a handler that returned.
 *  4. A `Chooser` may supply the choices instead (another core's allocations, replayed): an
 *     alloc or alloc_set that gets that far takes the next supplied number, which the spec
 *     judges (an unacceptable one is a broken precondition, thrown).
 *  5. The spec always knows why it refuses: it answers Ok or Err, never NoErrno. A core under
 *     test that answers NoErrno is judged against the spec's errno by D30.
 */
import { FunctionKeys } from "../api/function-keys.js";
import type { CoreCall, Getter, PrivateData, Token } from "../api/commands.js";
import type { AllocatorOps, Handler, IdView, IoasidCore, NotifierBlock } from "../api/core.js";
import type { Delivery, IoasidEvent } from "../api/notification.js";
import type { CallResult } from "../api/result.js";
import { err, ok } from "../api/result.js";
import type { CoreState, SpecConfig } from "./state.js";
import { initialState } from "./state.js";
import type { Deliver } from "./step-types.js";
import { stepCore } from "./step.js";
import { activeSpace } from "./derived.js";
import { allocGuard } from "./actions/alloc.js";
import type { AllocatorView, NotifierView, SetView } from "../api/introspection.js";
import { allocatorView, capacityLeft, notifierView, setView } from "./views.js";


/** Supplies allocation choices (rule 4): undefined means "the spec's canonical one". */
export interface Chooser {
  readonly id: () => number | undefined;
  readonly setHandle: () => number | undefined;
}

/** The spec behind the IoasidCore interface. */
export class SpecCore implements IoasidCore {
  private current: CoreState;
  private readonly handlers = new Map<string, Handler>();
  private readonly ops = new Map<string, AllocatorOps>();
  private readonly fnKeys = new FunctionKeys();

  constructor(config: Partial<SpecConfig> = {}, private readonly chooser?: Chooser) {
    this.current = initialState(config);
  }

  /** The current spec state (for invariants and abstraction checks). */
  get state(): CoreState {
    return this.current;
  }

  private readonly deliver: Deliver<null> = (core: CoreState, env: null, d: Delivery) => {
    this.current = core;
    const handler = this.handlers.get(d.notifier);
    try {
      handler?.(d, this);
    } catch {
      // rule 3
    }
    return { core: this.current, env, events: [] };
  };

  private run(call: CoreCall, choice?: number): CallResult {
    const before = this.current;
    const sys = { core: before, env: null };
    const st = stepCore(choice === undefined ? { sys, deliver: this.deliver } : { sys, deliver: this.deliver, choice }, call);
    if (!st.ok) {
      this.current = before;
      return err(st.errno);
    }
    this.current = st.core;
    if (before.depth === 0) this.returnCustomIds(before, st.core);
    return ok(st.value);
  }

  /** Give reclaimed IDs of custom spaces back to their ops (rule 2). */
  private returnCustomIds(before: CoreState, after: CoreState): void {
    if (before.allocators.length === 0 && after.allocators.length === 0) return;
    for (const rec of before.ids.values()) {
      if (rec.space.kind !== "custom" || after.ids.has(rec.id)) continue;
      const fns = rec.space.fns;
      const owner = [...this.ops.values()].find((o) => this.fnsOf(o) === fns);
      owner?.free(rec.id);
    }
  }

  private fnsOf(o: AllocatorOps): string {
    return this.fnKeys.fnsKey(o);
  }

  allocSet(token: Token, quota: number): CallResult {
    const call = { op: "alloc_set", token, quota } as const;
    const probe = this.chooser === undefined ? undefined : stepCore({ sys: { core: this.current, env: null }, deliver: this.deliver }, call);
    return probe?.ok === true ? this.run(call, this.chooser?.setHandle()) : this.run(call);
  }
  adjustSet(set: number, quota: number): CallResult {
    return this.run({ op: "adjust_set", set, quota });
  }
  setGet(set: number): CallResult {
    return this.run({ op: "set_get", set });
  }
  setGetLocked(set: number): CallResult {
    return this.run({ op: "set_get_locked", set });
  }
  setPut(set: number): CallResult {
    return this.run({ op: "set_put", set });
  }
  setPutLocked(set: number): CallResult {
    return this.run({ op: "set_put_locked", set });
  }
  forEachIoasid(set: number): CallResult {
    return this.run({ op: "for_each_ioasid", set });
  }
  alloc(set: number, min: number, max: number, data: PrivateData): CallResult {
    const call = { op: "alloc", set, min, max, data } as const;
    const space = activeSpace(this.current);
    if ("ok" in allocGuard(this.current, call)) return this.run(call);
    if (space.kind === "default") return this.run(call, this.chooser?.id());
    const ops = [...this.ops.values()].find((o) => this.fnsOf(o) === space.fns);
    const r = this.run(call, ops === undefined ? Number.NaN : ops.alloc(min, max));
    // An ID the ALLOC handlers already reclaimed (a set_put_locked of its set) goes back too (rule 2).
    if (r.ok && typeof r.value === "number" && this.current.depth === 0 && !this.current.ids.has(r.value)) ops?.free(r.value);
    return r;
  }
  free(set: number | null, id: number): CallResult {
    return this.run({ op: "free", set, id });
  }
  get(set: number | null, id: number): CallResult {
    return this.run({ op: "get", set, id });
  }
  getLocked(set: number | null, id: number): CallResult {
    return this.run({ op: "get_locked", set, id });
  }
  put(set: number | null, id: number): CallResult {
    return this.run({ op: "put", set, id });
  }
  putLocked(set: number | null, id: number): CallResult {
    return this.run({ op: "put_locked", set, id });
  }
  find(set: number | null, id: number, getter: Getter): CallResult {
    return this.run({ op: "find", set, id, getter });
  }
  attachData(set: number | null, id: number, data: PrivateData): CallResult {
    return this.run({ op: "attach_data", set, id, data });
  }
  attachSpid(set: number | null, id: number, spid: number): CallResult {
    return this.run({ op: "attach_spid", set, id, spid });
  }
  detachSpid(set: number | null, id: number): CallResult {
    return this.run({ op: "detach_spid", set, id });
  }
  findBySpid(set: number | null, spid: number): CallResult {
    return this.run({ op: "find_by_spid", set, spid });
  }
  registerNotifier(set: number | null, nb: NotifierBlock): CallResult {
    const r = this.run({ op: "register_notifier", set, name: nb.name, priority: nb.priority, reaction: { on: [], now: [], later: [] } });
    if (r.ok) this.handlers.set(nb.name, nb.handler);
    return r;
  }
  unregisterNotifier(set: number | null, name: string): CallResult {
    const r = this.run({ op: "unregister_notifier", set, name });
    if (r.ok) this.handlers.delete(name);
    return r;
  }
  registerNotifierMm(mm: number, nb: NotifierBlock): CallResult {
    const r = this.run({ op: "register_notifier_mm", mm, name: nb.name, priority: nb.priority, reaction: { on: [], now: [], later: [] } });
    if (r.ok) this.handlers.set(nb.name, nb.handler);
    return r;
  }
  unregisterNotifierMm(mm: number, name: string): CallResult {
    const r = this.run({ op: "unregister_notifier_mm", mm, name });
    if (r.ok) this.handlers.delete(name);
    return r;
  }
  notify(set: number | null, id: number, event: IoasidEvent): CallResult {
    return this.run({ op: "notify", set, id, event });
  }
  registerAllocator(ops: AllocatorOps): CallResult {
    const r = this.run({ op: "register_allocator", name: ops.name, fns: this.fnsOf(ops) });
    if (r.ok) this.ops.set(ops.name, ops);
    return r;
  }
  unregisterAllocator(name: string): CallResult {
    const r = this.run({ op: "unregister_allocator", name });
    if (r.ok) this.ops.delete(name);
    return r;
  }
  inspectId(id: number): IdView | null {
    const rec = this.current.ids.get(id);
    return rec === undefined ? null : { state: rec.state, refs: rec.refs, set: rec.set, spid: rec.spid };
  }
  inspectSet(set: number): SetView | null {
    return setView(this.current, set);
  }
  capacityLeft(): number {
    return capacityLeft(this.current);
  }
  inspectNotifier(name: string): NotifierView | null {
    return notifierView(this.current, name);
  }
  inspectAllocator(name: string): AllocatorView | null {
    return allocatorView(this.current, name);
  }
}
