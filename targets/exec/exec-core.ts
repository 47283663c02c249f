/**
 * ExecCore: an IoasidCore whose implementation is a child process speaking the exec protocol
 * (protocol.ts, docs/exec-protocol.md), so every suite runs unchanged on an implementation
 * written in any language.
 *
 * Rules:
 *  1. Each method is one `call` of the core's conversation with its process
 *     (exec-conversation.ts), answered synchronously; on the way every callback the process
 *     makes is served: `deliver` calls the registered JS handler with this core (its calls go
 *     out as nested `call`s), `allocator-*` call the registered ops.
 *  2. Every wait is bounded by `timeoutMs`. A process that exits, hangs, writes malformed JSON,
 *     writes a message that fails its codec, or answers out of turn stops the core: the process
 *     is killed and an ExecFailure names the step (method, seq, args, and the calls and
 *     handlers it is nested in) and what happened. Later calls throw too.
 *  3. A handler that throws anything but an ExecFailure counts as a handler that returned (as in
 *     the spec's wrapper and the bundled implementation).
 *  4. Ops whose `alloc` and `free` are the same function objects get the same `fns` key.
 *  5. An ExecSession runs one process for many cores: each new core resets it with `init`, and
 *     the previous core of the session stops (it would otherwise see the reset state). A
 *     process that failed is replaced by a fresh one for the next core.
 *  6. The optional introspection (inspectSet, capacityLeft, inspectNotifier, inspectAllocator)
 *     exists on a core exactly when its process advertised it at `ready` (exec-introspection.ts).
 *  7. `failNth` (api/faults.ts) exists only when the process advertised "failNth" at `ready`
 *     (protocol.ts rule 6); a reply other than ok to it stops the core.
 */
import { FunctionKeys } from "../../api/function-keys.js";
import type { Getter, PrivateData, Token } from "../../api/commands.js";
import type { AllocatorOps, IdView, IoasidCore, NotifierBlock } from "../../api/core.js";
import type { AllocatorView, NotifierView, SetView } from "../../api/introspection.js";
import type { IoasidEvent } from "../../api/notification.js";
import type { CallResult } from "../../api/result.js";
import type { CoreConfig } from "../../properties/core/suite.js";
import type { ChildChannel } from "./channel.js";
import { ExecConversation } from "./exec-conversation.js";
import { execIntrospection } from "./exec-introspection.js";
import type { Method, MethodArgs, WireToken } from "./protocol.js";
import { toWire } from "./protocol.js";
import { FAULT_FEATURE } from "../../api/faults.js";

/** Options of an exec session. */
export interface ExecOptions {
  /** The longest wait for any one message from the implementation. */
  readonly timeoutMs: number;
  /**
   * The longest wait for a fresh process to start and answer its first `init`; default the
   * larger of `timeoutMs` and STARTUP_FLOOR_MS, so that a small per-call timeout does not turn a
   * slow interpreter start on a loaded machine into a counterexample.
   */
  readonly startupMs?: number;
}

/** The least time a fresh process gets to start and say ready. */
export const STARTUP_FLOOR_MS = 10_000;

/** The startup wait of `opts` (ExecOptions.startupMs). */
export const startupWait = (opts: ExecOptions): number => opts.startupMs ?? Math.max(opts.timeoutMs, STARTUP_FLOOR_MS);

/** Options of a standalone exec core. */
export interface ExecCoreOptions extends ExecOptions {
  readonly config: CoreConfig;
}

const wireToken = (token: Token): WireToken =>
  token.type === "null" ? { type: "null", value: toWire(token.value) } : { type: "mm", mm: toWire(token.mm) };
const wireSet = (set: number | null) => (set === null ? null : toWire(set));

/** The IoasidCore of a process speaking the exec protocol. */
export class ExecCore implements IoasidCore {
  private readonly talk: ExecConversation;
  private readonly fnKeys = new FunctionKeys();
  /** Fault injection, set by `init` when the process offers it (rule 6). */
  failNth?: (n: number) => void;

  // The optional introspection: present only when the process advertised it at `ready` (init).
  declare inspectSet?: (set: number) => SetView | null;
  declare capacityLeft?: () => number;
  declare inspectNotifier?: (name: string) => NotifierView | null;
  declare inspectAllocator?: (name: string) => AllocatorView | null;

  /** Made by ExecSession. */
  constructor(channel: ChildChannel, timeoutMs: number, private readonly onClose: () => void) {
    this.talk = new ExecConversation(channel, timeoutMs, this);
  }

  /** The implementation process's pid. */
  get pid(): number | undefined {
    return this.talk.pid;
  }

  /** Stop using this core; a standalone core also ends its process. Idempotent. */
  close(): void {
    this.talk.stop("the core was closed");
    this.onClose();
  }

  /** Stop this core without touching the process (rule 5). */
  detach(reason: string): void {
    this.talk.stop(reason);
  }

  /** Send `init` and wait (`waitMs`, default the call timeout) for `ready`; offer what it advertised (rules 6, 7). */
  init(config: CoreConfig, waitMs?: number): void {
    const features = this.talk.handshake(config, waitMs);
    Object.assign(this, execIntrospection(features, this.talk.ask));
    if (features.includes(FAULT_FEATURE)) this.failNth = (n) => this.armFault(n);
  }

  /** Rule 7: arm the process's next call. */
  private armFault(n: number): void {
    const r = this.result("failNth", [toWire(n)]);
    if (!r.ok) throw this.talk.failure(`failNth(${n}) was answered ${JSON.stringify(r)}, not ok (fault injection is advertised)`);
  }

  private result<M extends Exclude<Method, "inspectId">>(method: M, args: MethodArgs<M>): CallResult {
    return this.talk.result(method, args);
  }

  // ---- IoasidCore

  allocSet(token: Token, quota: number): CallResult {
    return this.result("allocSet", [wireToken(token), toWire(quota)]);
  }
  adjustSet(set: number, quota: number): CallResult {
    return this.result("adjustSet", [toWire(set), toWire(quota)]);
  }
  setGet(set: number): CallResult {
    return this.result("setGet", [toWire(set)]);
  }
  setGetLocked(set: number): CallResult {
    return this.result("setGetLocked", [toWire(set)]);
  }
  setPut(set: number): CallResult {
    return this.result("setPut", [toWire(set)]);
  }
  setPutLocked(set: number): CallResult {
    return this.result("setPutLocked", [toWire(set)]);
  }
  forEachIoasid(set: number): CallResult {
    return this.result("forEachIoasid", [toWire(set)]);
  }
  alloc(set: number, min: number, max: number, data: PrivateData): CallResult {
    return this.result("alloc", [toWire(set), toWire(min), toWire(max), data]);
  }
  free(set: number | null, id: number): CallResult {
    return this.result("free", [wireSet(set), toWire(id)]);
  }
  get(set: number | null, id: number): CallResult {
    return this.result("get", [wireSet(set), toWire(id)]);
  }
  getLocked(set: number | null, id: number): CallResult {
    return this.result("getLocked", [wireSet(set), toWire(id)]);
  }
  put(set: number | null, id: number): CallResult {
    return this.result("put", [wireSet(set), toWire(id)]);
  }
  putLocked(set: number | null, id: number): CallResult {
    return this.result("putLocked", [wireSet(set), toWire(id)]);
  }
  find(set: number | null, id: number, getter: Getter): CallResult {
    return this.result("find", [wireSet(set), toWire(id), getter]);
  }
  attachData(set: number | null, id: number, data: PrivateData): CallResult {
    return this.result("attachData", [wireSet(set), toWire(id), data]);
  }
  attachSpid(set: number | null, id: number, spid: number): CallResult {
    return this.result("attachSpid", [wireSet(set), toWire(id), toWire(spid)]);
  }
  detachSpid(set: number | null, id: number): CallResult {
    return this.result("detachSpid", [wireSet(set), toWire(id)]);
  }
  findBySpid(set: number | null, spid: number): CallResult {
    return this.result("findBySpid", [wireSet(set), toWire(spid)]);
  }
  registerNotifier(set: number | null, nb: NotifierBlock): CallResult {
    const r = this.result("registerNotifier", [wireSet(set), { name: nb.name, priority: nb.priority }]);
    if (r.ok) this.talk.handlers.set(nb.name, nb.handler);
    return r;
  }
  unregisterNotifier(set: number | null, name: string): CallResult {
    const r = this.result("unregisterNotifier", [wireSet(set), name]);
    if (r.ok) this.talk.handlers.delete(name);
    return r;
  }
  registerNotifierMm(mm: number, nb: NotifierBlock): CallResult {
    const r = this.result("registerNotifierMm", [toWire(mm), { name: nb.name, priority: nb.priority }]);
    if (r.ok) this.talk.handlers.set(nb.name, nb.handler);
    return r;
  }
  unregisterNotifierMm(mm: number, name: string): CallResult {
    const r = this.result("unregisterNotifierMm", [toWire(mm), name]);
    if (r.ok) this.talk.handlers.delete(name);
    return r;
  }
  notify(set: number | null, id: number, event: IoasidEvent): CallResult {
    return this.result("notify", [wireSet(set), toWire(id), event]);
  }
  registerAllocator(ops: AllocatorOps): CallResult {
    const fns = this.fnKeys.fnsKey(ops);
    const r = this.result("registerAllocator", [{ name: ops.name, fns }]);
    if (r.ok) this.talk.ops.set(ops.name, ops);
    return r;
  }
  unregisterAllocator(name: string): CallResult {
    const r = this.result("unregisterAllocator", [name]);
    if (r.ok) this.talk.ops.delete(name);
    return r;
  }
  inspectId(id: number): IdView | null {
    return this.talk.exchange("inspectId", [toWire(id)], (r) => {
      if (!("view" in r)) return null;
      const v = r.view;
      return { view: v === null ? null : { state: v.state, refs: v.refs, set: v.set, spid: v.spid } };
    }, "a view").view;
  }
}
