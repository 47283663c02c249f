/**
 * The conversation of an exec core with its process (exec-core.ts rule 1 and 2): each call is
 * sent and answered synchronously, and while it waits every callback the process makes is
 * served — `deliver` runs the registered JS handler (with the core, so its calls go out as
 * nested calls), `allocator-*` run the registered ops.
 *
 * Rules:
 *  1. `frames` names where the conversation is, innermost last (the call, the delivery or the
 *     allocator callback being served), so a failure names the failing step.
 *  2. Every wait is bounded. A process that exits, hangs, writes malformed JSON, writes a message
 *     that fails its codec, or answers out of turn ends the conversation: the process is stopped
 *     and the ExecFailure names the step and what happened; every later call throws too.
 *  3. A handler or allocator function that throws anything but an ExecFailure counts as one that
 *     returned (the handler as in the spec's wrapper, an allocator with its fallback answer).
 *  4. Handlers and ops are registered by the core after the process accepted them; a callback
 *     naming one the core never registered ends the conversation.
 */
import { PathReporter } from "io-ts/lib/PathReporter.js";
import type { AllocatorOps, Handler, IoasidCore } from "../../api/core.js";
import type { Delivery } from "../../api/notification.js";
import type { CallResult } from "../../api/result.js";
import { err, noErrno, ok } from "../../api/result.js";
import type { CoreConfig } from "../../properties/core/suite.js";
import type { ChildChannel } from "./channel.js";
import { describeExit } from "./channel.js";
import { ExecFailure } from "./exec-failure.js";
import type { Ask } from "./exec-introspection.js";
import type { DeliverMessage, InspectReply, Method, MethodArgs, ResultReply, ViewReply } from "./protocol.js";
import { ImplMessage, PROTOCOL_VERSION, toWire } from "./protocol.js";

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


/** A decoded result rebuilt from its fields only (io-ts keeps unknown properties). */
const rebuilt = (r: CallResult): CallResult =>
  r.ok ? ok(r.value) : r.errno === null ? noErrno(r.via, r.warnings) : err(r.errno);

/** One process's conversation with the core that owns it. */
export class ExecConversation {
  private readonly frames: Frame[] = [];
  /** Notifier name -> its handler, and ops name -> the ops (rule 4). */
  readonly handlers = new Map<string, Handler>();
  readonly ops = new Map<string, AllocatorOps>();
  private stoppedBecause: string | null = null;
  /** The seq of the last call: calls are numbered from 1 after each init. */
  private seq = 0;

  /** `core` is handed to handlers, so their calls go out as nested calls. */
  constructor(
    private readonly channel: ChildChannel,
    private readonly timeoutMs: number,
    private readonly core: IoasidCore,
  ) {}

  /** The implementation process's pid. */
  get pid(): number | undefined {
    return this.channel.pid;
  }

  /** End the conversation without touching the process; the first reason is kept. */
  stop(reason: string): void {
    this.stoppedBecause ??= reason;
  }

  /** Send `init` and wait (`waitMs`, default the call timeout) for `ready`; the features it advertised. */
  handshake(config: CoreConfig, waitMs = this.timeoutMs): readonly string[] {
    this.frames.push({ kind: "init", capacity: config.capacity });
    try {
      this.channel.send(JSON.stringify({ type: "init", version: PROTOCOL_VERSION, config: { capacity: config.capacity } }));
      const msg = this.nextMessage(waitMs);
      if (msg.type !== "ready") throw this.failure(`expected "ready", got a "${msg.type}" message`);
      if (msg.version !== PROTOCOL_VERSION) throw this.failure(`the implementation speaks protocol version ${msg.version}, the harness ${PROTOCOL_VERSION}`);
      return msg.features ?? [];
    } finally {
      this.frames.pop();
    }
  }

  /** Tear the process down (rule 2) and make the error naming the current step. */
  failure(what: string, stderr = ""): ExecFailure {
    const step = this.frames.length === 0 ? "idle" : [...this.frames].reverse().map(describeFrame).join(", inside ");
    const exit = this.channel.stop(false);
    const tail = exit !== null && exit.stderr !== "" ? exit.stderr : stderr;
    this.stoppedBecause ??= `it failed at ${step}: ${what}`;
    return new ExecFailure(step, what, tail);
  }

  /** The next message from the implementation, decoded; anything else stops the core. */
  private nextMessage(waitMs = this.timeoutMs): ImplMessage {
    const item = this.channel.receive(waitMs);
    if (item === null) throw this.failure(`no message from the implementation within ${waitMs} ms${this.channel.waitNote()}`);
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
  exchange<M extends Method, T>(method: M, args: MethodArgs<M>, pick: (r: Reply) => T | null, shape: string): T {
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
      handler(delivery, this.core);
    } catch (e) {
      if (e instanceof ExecFailure) throw e;
    } finally {
      this.frames.pop();
    }
    this.channel.send(JSON.stringify({ type: "handler-done", seq: msg.seq }));
  }

  result<M extends Exclude<Method, "inspectId">>(method: M, args: MethodArgs<M>): CallResult {
    return this.exchange(method, args, (r) => ("result" in r ? rebuilt(r.result) : null), "a result");
  }

  /** An introspection call (exec-introspection.ts): the reply must carry `inspect` of the shape `pick` accepts. */
  readonly ask: Ask = (method, args, pick, shape) =>
    this.exchange(method, args, (r) => {
      if (!("inspect" in r)) return null;
      const value = pick(r.inspect);
      return value === undefined ? null : { value };
    }, shape).value;
}
