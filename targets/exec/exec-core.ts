/**
 * ExecCore: an IoasidCore whose implementation is a child process speaking the exec protocol
 * (protocol.ts, docs/exec-protocol.md), so every suite runs unchanged on an implementation
 * written in any language.
 *
 * Rules:
 *  1. Each method is one `call`, answered synchronously: the suite thread blocks on the channel
 *     (channel.ts) until the reply with the call's seq arrives, and on the way runs every
 *     callback the implementation makes: `deliver` calls the registered JS handler with this
 *     core (its calls go out as nested `call`s), `allocator-*` call the registered ops.
 *  2. Every wait is bounded by `timeoutMs`. A process that exits, hangs, writes malformed JSON,
 *     writes a message that fails its codec, or answers out of turn stops the core: the process
 *     is killed, the worker terminated, and an ExecFailure names the step (method, seq, args,
 *     and the calls and handlers it is nested in) and what happened. Later calls throw too.
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
import { PathReporter } from "io-ts/lib/PathReporter.js";
import type { Getter, PrivateData, Token } from "../../api/commands.js";
import type { AllocatorOps, Handler, IdView, IoasidCore, NotifierBlock } from "../../api/core.js";
import type { AllocatorView, NotifierView, SetView } from "../../api/introspection.js";
import type { Delivery, IoasidEvent } from "../../api/notification.js";
import type { CallResult } from "../../api/result.js";
import { err, noErrno, ok } from "../../api/result.js";
import type { CoreConfig } from "../../properties/core/suite.js";
import { ChildChannel, describeExit } from "./channel.js";
import { ExecFailure } from "./exec-failure.js";
import { execIntrospection } from "./exec-introspection.js";
import type { Ask } from "./exec-introspection.js";
import type { DeliverMessage, InspectReply, Method, MethodArgs, ResultReply, ViewReply, WireToken } from "./protocol.js";
import { ImplMessage, PROTOCOL_VERSION, toWire } from "./protocol.js";
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

/** Where the core is in the conversation, innermost last: for naming the failing step. */
type Frame =
  | { readonly kind: "init"; readonly capacity: number }
  | { readonly kind: "call"; readonly seq: number; readonly method: Method; readonly args: readonly unknown[] }
  | { readonly kind: "deliver"; readonly seq: number; readonly delivery: Delivery }
  | { readonly kind: "allocator"; readonly seq: number; readonly what: string };

/** A reply to a call: a result, an ID view or an inspect answer. */
type Reply = ResultReply | ViewReply | InspectReply;

const clip = (s: string, n = 300): string => (s.length <= n ? s : `${s.slice(0, n)}… (${s.length} chars)`);

const describeFrame = (f: Frame): string => {
  switch (f.kind) {
    case "init": return `init (capacity ${f.capacity})`;
    case "call": return `call #${f.seq} ${f.method}(${f.args.map((a) => JSON.stringify(a)).join(", ")})`;
    case "deliver": return `the handler of "${f.delivery.notifier}" for deliver #${f.seq} (${f.delivery.event} of ID ${f.delivery.id})`;
    case "allocator": return `allocator callback #${f.seq} ${f.what}`;
  }
};


const wireToken = (token: Token): WireToken =>
  token.type === "null" ? { type: "null", value: toWire(token.value) } : { type: "mm", mm: toWire(token.mm) };
const wireSet = (set: number | null) => (set === null ? null : toWire(set));

/** A decoded result rebuilt from its fields only (io-ts keeps unknown properties). */
const rebuilt = (r: CallResult): CallResult =>
  r.ok ? ok(r.value) : r.errno === null ? noErrno(r.via, r.warnings) : err(r.errno);

/** The IoasidCore of a process speaking the exec protocol. */
export class ExecCore implements IoasidCore {
  private readonly frames: Frame[] = [];
  private readonly handlers = new Map<string, Handler>();
  private readonly ops = new Map<string, AllocatorOps>();
  private readonly fnKeys = new FunctionKeys();
  private stoppedBecause: string | null = null;
  /** The seq of the last call: calls are numbered from 1 after each init. */
  private seq = 0;
  /** Fault injection, set by `init` when the process offers it (rule 6). */
  failNth?: (n: number) => void;

  // The optional introspection: present only when the process advertised it at `ready` (init).
  declare inspectSet?: (set: number) => SetView | null;
  declare capacityLeft?: () => number;
  declare inspectNotifier?: (name: string) => NotifierView | null;
  declare inspectAllocator?: (name: string) => AllocatorView | null;

  /** Made by ExecSession. */
  constructor(
    private readonly channel: ChildChannel,
    private readonly timeoutMs: number,
    private readonly onClose: () => void,
  ) {}

  /** The implementation process's pid. */
  get pid(): number | undefined {
    return this.channel.pid;
  }

  /** Stop using this core; a standalone core also ends its process. Idempotent. */
  close(): void {
    this.stoppedBecause ??= "the core was closed";
    this.onClose();
  }

  /** Stop this core without touching the process (rule 5). */
  detach(reason: string): void {
    this.stoppedBecause ??= reason;
  }

  /** Send `init` and wait (`waitMs`, default the call timeout) for `ready`. */
  init(config: CoreConfig, waitMs = this.timeoutMs): void {
    this.frames.push({ kind: "init", capacity: config.capacity });
    try {
      this.channel.send(JSON.stringify({ type: "init", version: PROTOCOL_VERSION, config: { capacity: config.capacity } }));
      const msg = this.nextMessage(waitMs);
      if (msg.type !== "ready") throw this.failure(`expected "ready", got a "${msg.type}" message`);
      if (msg.version !== PROTOCOL_VERSION) throw this.failure(`the implementation speaks protocol version ${msg.version}, the harness ${PROTOCOL_VERSION}`);
      Object.assign(this, execIntrospection(msg.features ?? [], this.ask));
      if (msg.features?.includes(FAULT_FEATURE) === true) this.failNth = (n) => this.armFault(n);
    } finally {
      this.frames.pop();
    }
  }

  // ---- the conversation

  /** Tear the process down (rule 2) and make the error naming the current step. */
  private failure(what: string, stderr = ""): ExecFailure {
    const step = this.frames.length === 0 ? "idle" : [...this.frames].reverse().map(describeFrame).join(", inside ");
    const exit = this.channel.stop(false);
    const tail = exit !== null && exit.stderr !== "" ? exit.stderr : stderr;
    this.stoppedBecause ??= `it failed at ${step}: ${what}`;
    return new ExecFailure(step, what, tail);
  }

  /** The next message from the implementation, decoded; anything else stops the core. */
  private nextMessage(waitMs = this.timeoutMs): ImplMessage {
    const item = this.channel.receive(waitMs);
    if (item === null) throw this.failure(`no message from the implementation within ${waitMs} ms`);
    if (item.kind === "exit") {
      const partial = item.exit.partial === "" ? "" : ` (its last output had no newline: ${JSON.stringify(clip(item.exit.partial))})`;
      throw this.failure(`${describeExit(item.exit)} before answering${partial}`, item.exit.stderr);
    }
    if (item.kind === "fault") throw this.failure(item.message, item.stderr);
    let json: unknown;
    try {
      json = JSON.parse(item.text);
    } catch {
      throw this.failure(`malformed JSON from the implementation: ${JSON.stringify(clip(item.text))}`);
    }
    const decoded = ImplMessage.decode(json);
    if (decoded._tag === "Left") {
      throw this.failure(`a message that is not valid: ${clip(item.text)}\n${clip(PathReporter.report(decoded).slice(0, 3).join("\n"), 1000)}`);
    }
    return decoded.right;
  }

  /**
   * Rule 1: send the call, serve callbacks until its reply, and take from the reply what the
   * caller needs (`pick` answers null when the reply has the wrong shape).
   */
  private exchange<M extends Method, T>(method: M, args: MethodArgs<M>, pick: (r: Reply) => T | null, shape: string): T {
    if (this.stoppedBecause !== null) {
      throw new ExecFailure(`${method}(${args.map((a) => JSON.stringify(a)).join(", ")})`, `the core is stopped: ${this.stoppedBecause}`, "");
    }
    const seq = ++this.seq;
    this.frames.push({ kind: "call", seq, method, args });
    try {
      this.channel.send(JSON.stringify({ type: "call", seq, method, args }));
      for (;;) {
        const reply = this.serve(this.nextMessage(), seq);
        if (reply === null) continue;
        const value = pick(reply);
        if (value === null) throw this.failure(`the reply does not carry ${shape}: ${clip(JSON.stringify(reply))}`);
        return value;
      }
    } finally {
      this.frames.pop();
    }
  }

  /** Handle one message while call `seq` waits: its reply, or null after serving a callback. */
  private serve(msg: ImplMessage, seq: number): Reply | null {
    switch (msg.type) {
      case "reply": {
        if (msg.seq === seq) return msg;
        const waiting = this.frames.some((f) => f.kind === "call" && f.seq === msg.seq);
        throw this.failure(waiting
          ? `a reply to call #${msg.seq} arrived while call #${seq}, made inside it, was still waiting: replies out of order`
          : `a reply with seq ${msg.seq}, which answers no outstanding call (waiting for #${seq})`);
      }
      case "ready":
        throw this.failure(`an unexpected "ready" message while waiting for the reply to #${seq}`);
      case "deliver":
        this.runHandler(msg);
        return null;
      case "allocator-alloc": {
        const ops = this.registeredOps(msg.name, msg.seq);
        const value = this.callout(msg.seq, `alloc(${msg.min}, ${msg.max}) of "${msg.name}"`, () => ops.alloc(msg.min, msg.max), -1);
        this.channel.send(JSON.stringify({ type: "allocator-answer", seq: msg.seq, value: toWire(value) }));
        return null;
      }
      case "allocator-free": {
        const ops = this.registeredOps(msg.name, msg.seq);
        this.callout(msg.seq, `free(${msg.id}) of "${msg.name}"`, () => {
          ops.free(msg.id);
          return 0;
        }, 0);
        this.channel.send(JSON.stringify({ type: "allocator-answer", seq: msg.seq, value: 0 }));
        return null;
      }
    }
  }

  private registeredOps(name: string, seq: number): AllocatorOps {
    const ops = this.ops.get(name);
    if (ops === undefined) throw this.failure(`allocator callback #${seq} names ops "${name}", which are not registered`);
    return ops;
  }

  /** Run an allocator function; one that throws answers `fallback`. */
  private callout(seq: number, what: string, f: () => number, fallback: number): number {
    this.frames.push({ kind: "allocator", seq, what });
    try {
      return f();
    } catch (e) {
      if (e instanceof ExecFailure) throw e;
      return fallback;
    } finally {
      this.frames.pop();
    }
  }

  /** Rule 1 and rule 3: run the handler, then answer handler-done. */
  private runHandler(msg: DeliverMessage): void {
    const d = msg.delivery;
    const handler = this.handlers.get(d.notifier);
    if (handler === undefined) throw this.failure(`deliver #${msg.seq} names notifier "${d.notifier}", which is not registered`);
    const delivery: Delivery = { event: d.event, id: d.id, spid: d.spid, set: d.set, notifier: d.notifier };
    this.frames.push({ kind: "deliver", seq: msg.seq, delivery });
    try {
      handler(delivery, this);
    } catch (e) {
      if (e instanceof ExecFailure) throw e;
    } finally {
      this.frames.pop();
    }
    this.channel.send(JSON.stringify({ type: "handler-done", seq: msg.seq }));
  }

  private result<M extends Exclude<Method, "inspectId">>(method: M, args: MethodArgs<M>): CallResult {
    return this.exchange(method, args, (r) => ("result" in r ? rebuilt(r.result) : null), "a result");
  }

  /** An introspection call (exec-introspection.ts): the reply must carry `inspect` of the shape `pick` accepts. */
  private readonly ask: Ask = (method, args, pick, shape) =>
    this.exchange(method, args, (r) => {
      if (!("inspect" in r)) return null;
      const value = pick(r.inspect);
      return value === undefined ? null : { value };
    }, shape).value;
  /** Rule 7: arm the process's next call. */
  private armFault(n: number): void {
    const r = this.result("failNth", [toWire(n)]);
    if (!r.ok) throw this.failure(`failNth(${n}) was answered ${JSON.stringify(r)}, not ok (fault injection is advertised)`);
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
    if (r.ok) this.handlers.set(nb.name, nb.handler);
    return r;
  }
  unregisterNotifier(set: number | null, name: string): CallResult {
    const r = this.result("unregisterNotifier", [wireSet(set), name]);
    if (r.ok) this.handlers.delete(name);
    return r;
  }
  registerNotifierMm(mm: number, nb: NotifierBlock): CallResult {
    const r = this.result("registerNotifierMm", [toWire(mm), { name: nb.name, priority: nb.priority }]);
    if (r.ok) this.handlers.set(nb.name, nb.handler);
    return r;
  }
  unregisterNotifierMm(mm: number, name: string): CallResult {
    const r = this.result("unregisterNotifierMm", [toWire(mm), name]);
    if (r.ok) this.handlers.delete(name);
    return r;
  }
  notify(set: number | null, id: number, event: IoasidEvent): CallResult {
    return this.result("notify", [wireSet(set), toWire(id), event]);
  }
  registerAllocator(ops: AllocatorOps): CallResult {
    const fns = this.fnKeys.fnsKey(ops);
    const r = this.result("registerAllocator", [{ name: ops.name, fns }]);
    if (r.ok) this.ops.set(ops.name, ops);
    return r;
  }
  unregisterAllocator(name: string): CallResult {
    const r = this.result("unregisterAllocator", [name]);
    if (r.ok) this.ops.delete(name);
    return r;
  }
  inspectId(id: number): IdView | null {
    return this.exchange("inspectId", [toWire(id)], (r) => {
      if (!("view" in r)) return null;
      const v = r.view;
      return { view: v === null ? null : { state: v.state, refs: v.refs, set: v.set, spid: v.spid } };
    }, "a view").view;
  }
}
