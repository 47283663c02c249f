/**
 * One worker thread with a module loaded (worker-source.ts), seen from the harness: requests and
 * the callbacks nested in them, both ways, each wait bounded; the cores it made, as synchronous
 * proxies; and why it is gone once it is. module-session.ts makes cores through it (its rules 1
 * to 3 are kept here).
 */
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import type { MessagePort } from "node:worker_threads";
import * as t from "io-ts";
import type { IoasidCore } from "../../api/core.js";
import type { CoreConfig } from "../../properties/core/suite.js";
import { CORE_METHODS, isCore } from "./load-module.js";
import { MCTRL, MODULE_WORKER_SOURCE, TAG } from "./worker-source.js";
import type { ThreadRef } from "../run-delay.js";
import { Deadline } from "../run-delay.js";

/** Why a module core stopped: the step and what happened. */
export class ModuleFailure extends Error {
  override readonly name = "ModuleFailure";
  constructor(readonly step: string, readonly what: string) {
    super(`module core failed at ${step}: ${what}`);
  }
}

const FromWorker = t.union([
  t.type({ t: t.literal("loaded"), exportName: t.string }),
  t.type({ t: t.literal("load-failed"), message: t.string }),
  t.type({ t: t.literal("fault"), message: t.string }),
  t.intersection([t.type({ t: t.literal("reply"), seq: t.number }), t.partial({ value: t.unknown, threw: t.string })]),
  t.type({ t: t.literal("callback"), seq: t.number, fn: t.number, args: t.array(t.unknown) }),
]);
type FromWorker = t.TypeOf<typeof FromWorker>;
const Created = t.type({ id: t.number, methods: t.array(t.string), what: t.string });

export type Frame =
  | { readonly kind: "create"; readonly seq: number; readonly capacity: number }
  | { readonly kind: "call"; readonly seq: number; readonly method: string; readonly args: readonly unknown[] }
  | { readonly kind: "callback"; readonly seq: number; readonly label: string };

const clip = (s: string, n = 300): string => (s.length <= n ? s : `${s.slice(0, n)}… (${s.length} chars)`);

/** JSON of an argument, functions shown as such (for naming steps). */
const show = (v: unknown): string => {
  try {
    return clip(JSON.stringify(v, (_k, x: unknown) => (typeof x === "function" ? "[function]" : x)) ?? String(v));
  } catch {
    return "?";
  }
};

export const describeFrame = (f: Frame): string => {
  switch (f.kind) {
    case "create": return `createCore({ capacity: ${f.capacity} })`;
    case "call": return `call #${f.seq} ${f.method}(${f.args.map(show).join(", ")})`;
    case "callback": return `callback #${f.seq} (${f.label})`;
  }
};

/** A thrown value in words, whatever it is. */
const describe = (e: unknown): string => {
  try {
    if (e instanceof Error) return e.message;
  } catch {
    // fall through
  }
  try {
    return String(e);
  } catch {
    return "a thrown value that cannot be printed";
  }
};

/** One worker with the module loaded: requests, callbacks, failure. */
export class WorkerLink {
  private readonly ctrl = new Int32Array(new SharedArrayBuffer(MCTRL.SIZE * Int32Array.BYTES_PER_ELEMENT));
  private readonly port: MessagePort;
  private readonly worker: Worker;
  private readonly frames: Frame[] = [];
  private readonly fnIds = new Map<unknown, number>();
  private readonly fns = new Map<number, { readonly fn: (...args: unknown[]) => unknown; readonly label: string }>();
  private readonly proxies = new Map<number, IoasidCore>();
  /** Alias cores a handler was handed (worker-source.ts rule 4a), until the next create. */
  private readonly aliases = new Map<number, IoasidCore>();
  private seq = 0;
  /** The export the module's cores come from (createCore, else default), once loaded. */
  exportName = "createCore";
  private nextCoreId = 1;
  /** Why the worker is gone, once it is. */
  dead: string | null = null;
  /** The last wait (`next`), for a timeout's message. */
  private lastWait: Deadline | null = null;
  /** The worker's thread, once it said which (worker-source.ts rule 7): what a wait watches. */
  private readonly watched = (): readonly ThreadRef[] => {
    const tid = Atomics.load(this.ctrl, MCTRL.TID);
    return tid === 0 ? [] : [{ pid: process.pid, tid }];
  };

  constructor(url: string, private readonly timeoutMs: number) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(MODULE_WORKER_SOURCE, {
      eval: true,
      workerData: { port: port2, ctrlBuffer: this.ctrl.buffer, url },
      transferList: [port2],
      resourceLimits: { maxOldGenerationSizeMb: 1024 },
    });
    this.worker.unref();
    this.port.unref();
    this.worker.on("error", () => {
      // Seen through `ctrl` (EXITED) or as a timeout.
    });
  }

  /** Wait for the module to load: null when loaded, else what went wrong. */
  load(startupMs: number): string | null {
    const m = this.next(startupMs);
    if (m === "timeout") return this.stop(`did not finish loading within ${startupMs} ms (an endless loop at its top level, or a top-level await that waits for ever?)${this.lastWait?.note() ?? ""}`);
    if (m === "exited") return this.stop(this.exitText("while loading"));
    if (m.t === "loaded") {
      this.exportName = m.exportName;
      return null;
    }
    if (m.t === "load-failed") return this.stop(m.message);
    return this.stop(`sent ${m.t} while loading`);
  }

  /** End the worker for good; returns `why`. */
  stop(why: string): string {
    this.dead ??= why;
    void this.worker.terminate();
    this.port.close();
    return why;
  }

  private exitText(when: string): string {
    const code = Atomics.load(this.ctrl, MCTRL.CODE);
    return `the module's code ended its worker thread ${when} (exit code ${code}${code === 0 ? ", e.g. process.exit(0) or a top-level await that never settles" : ""})`;
  }

  private post(m: unknown): void {
    this.port.postMessage(m);
    Atomics.add(this.ctrl, MCTRL.TO_WORKER, 1);
    Atomics.notify(this.ctrl, MCTRL.TO_WORKER);
  }

  /** The next message, "exited" once the worker ended, or "timeout" after `ms`. */
  private next(ms: number): FromWorker | "exited" | "timeout" {
    const deadline = new Deadline(ms, this.watched);
    this.lastWait = deadline;
    for (;;) {
      const first = receiveMessageOnPort(this.port);
      if (first !== undefined) return this.decoded(first.message);
      const seen = Atomics.load(this.ctrl, MCTRL.TO_MAIN);
      const second = receiveMessageOnPort(this.port);
      if (second !== undefined) return this.decoded(second.message);
      if (Atomics.load(this.ctrl, MCTRL.EXITED) === 1) return "exited";
      const left = deadline.left();
      if (left <= 0) return "timeout";
      Atomics.wait(this.ctrl, MCTRL.TO_MAIN, seen, left);
    }
  }

  private decoded(raw: unknown): FromWorker {
    const d = FromWorker.decode(raw);
    return d._tag === "Right" ? d.right : { t: "fault", message: `a message the harness does not know: ${show(raw)}` };
  }

  /** Fail the current step (rule 2). */
  private failure(what: string): ModuleFailure {
    const step = this.frames.length === 0 ? "idle" : [...this.frames].reverse().map(describeFrame).join(", inside ");
    this.stop(`it failed at ${step}: ${what}`);
    return new ModuleFailure(step, what);
  }

  /** Functions become FN tags (worker-source.ts rule 4), labelled for step names. */
  private encode(v: unknown, label: string): unknown {
    if (typeof v === "function") {
      let id = this.fnIds.get(v);
      if (id === undefined) {
        id = this.fnIds.size + 1;
        this.fnIds.set(v, id);
        const fn = v;
        this.fns.set(id, { fn: (...args: unknown[]) => Reflect.apply(fn, undefined, args), label });
      }
      return { [TAG.FN]: id };
    }
    if (Array.isArray(v)) return v.map((x) => this.encode(x, label));
    if (typeof v === "object" && v !== null) {
      const name: unknown = Reflect.get(v, "name");
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = this.encode(x, typeof name === "string" ? `${k} of "${name}"` : k);
      return out;
    }
    return v;
  }

  /** CORE tags become the proxies they name. */
  private decode(v: unknown): unknown {
    if (Array.isArray(v)) return v.map((x) => this.decode(x));
    if (typeof v === "object" && v !== null) {
      const core: unknown = Reflect.get(v, TAG.CORE);
      if (typeof core === "number") return this.proxies.get(core) ?? this.aliasOf(core, Reflect.get(v, "methods")) ?? v;
    }
    return v;
  }

  /** Send a request and serve callbacks until its reply (rule 2, 3). */
  request(frame: Frame, message: Record<string, unknown>): unknown {
    const seq = frame.seq;
    this.frames.push(frame);
    try {
      this.post({ ...message, seq });
      for (;;) {
        const m = this.next(this.timeoutMs);
        if (m === "timeout") throw this.failure(`no reply within ${this.timeoutMs} ms (an endless loop, or a wait that never ends?)${this.lastWait?.note() ?? ""}`);
        if (m === "exited") throw this.failure(this.exitText("during the call"));
        switch (m.t) {
          case "reply":
            if (m.seq !== seq) throw this.failure(`a reply to #${m.seq} while #${seq} waits`);
            if (m.threw !== undefined) throw new Error(m.threw);
            return m.value;
          case "callback":
            this.serveCallback(m.seq, m.fn, m.args);
            break;
          case "fault":
          case "load-failed":
          case "loaded":
            throw this.failure(m.t === "fault" ? m.message : `an unexpected "${m.t}" message`);
        }
      }
    } finally {
      this.frames.pop();
    }
  }

  private serveCallback(seq: number, fnId: number, args: readonly unknown[]): void {
    const entry = this.fns.get(fnId);
    if (entry === undefined) throw this.failure(`a callback to function #${fnId}, which the harness never passed`);
    this.frames.push({ kind: "callback", seq, label: entry.label });
    let reply: Record<string, unknown>;
    try {
      const value = entry.fn(...args.map((a) => this.decode(a)));
      reply = { t: "reply", seq, value: typeof value === "number" || value === undefined || value === null ? value : String(value) };
    } catch (e) {
      if (e instanceof ModuleFailure) throw e;
      reply = { t: "reply", seq, threw: describe(e) };
    } finally {
      this.frames.pop();
    }
    this.post(reply);
  }

  /** A new core on this worker: its proxy, or what went wrong. */
  create(config: CoreConfig): IoasidCore | ModuleFailure {
    const id = this.nextCoreId++;
    let raw: unknown;
    try {
      raw = this.request({ kind: "create", capacity: config.capacity, seq: ++this.seq }, { t: "create", core: id, config: { capacity: config.capacity } });
    } catch (e) {
      return e instanceof ModuleFailure ? e : new ModuleFailure(describeFrame({ kind: "create", seq: 0, capacity: config.capacity }), `createCore threw: ${describe(e)}`);
    }
    const step = describeFrame({ kind: "create", seq: 0, capacity: config.capacity });
    const d = Created.decode(raw);
    if (d._tag === "Left") return new ModuleFailure(step, "the worker's answer could not be read");
    if (d.right.id !== id) return new ModuleFailure(step, `createCore returned ${d.right.what}, not an object`);
    const methods = new Set(d.right.methods);
    const missing = CORE_METHODS.filter((m) => !methods.has(m));
    if (missing.length > 0) return new ModuleFailure(step, `createCore returned an object without ${missing.join(", ")}`);
    const proxy = this.proxyOf(id, methods, this.proxies);
    if (!isCore(proxy)) return new ModuleFailure(step, "the proxy lacks a method");
    for (const old of this.proxies.keys()) this.post({ t: "release", core: old });
    this.proxies.clear();
    this.aliases.clear();
    this.proxies.set(id, proxy);
    return proxy;
  }

  /** The main thread's stand-in for core `id` of the worker: each method a call request. */
  private proxyOf(id: number, methods: ReadonlySet<string>, live: ReadonlyMap<number, IoasidCore>): Record<string, (...args: unknown[]) => unknown> {
    const proxy: Record<string, (...args: unknown[]) => unknown> = {};
    for (const method of methods) {
      proxy[method] = (...args: unknown[]) => {
        if (this.dead !== null) throw new ModuleFailure(`${method}(${args.map(show).join(", ")})`, `the core is stopped: ${this.dead}`);
        if (!live.has(id)) throw new ModuleFailure(`${method}(${args.map(show).join(", ")})`, "the core is stopped: a newer core of the same module replaced it");
        const seq = ++this.seq;
        return this.decode(this.request({ kind: "call", seq, method, args }, { t: "call", core: id, method, args: this.encode(args, method) }));
      };
    }
    return proxy;
  }

  /** Rule 4a of the worker: the alias core `id`, made when first announced with its methods. */
  private aliasOf(id: number, methods: unknown): IoasidCore | undefined {
    const known = this.aliases.get(id);
    if (known !== undefined || !Array.isArray(methods)) return known;
    const proxy = this.proxyOf(id, new Set(methods.filter((m): m is string => typeof m === "string")), this.aliases);
    if (!isCore(proxy)) return undefined;
    this.aliases.set(id, proxy);
    return proxy;
  }
}

