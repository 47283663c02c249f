/**
 * The worker thread a module core runs in (module-session.ts), as JavaScript source evaluated by
 * `new Worker(MODULE_WORKER_SOURCE, { eval: true })`: a string, so the same code runs under
 * vitest (TypeScript sources) and from dist/ (compiled), with no file to locate.
 *
 * Rules:
 *  1. The worker imports the user's module, posts LOADED (or LOAD_FAILED with the reason), then
 *     serves requests synchronously for good: it never returns to its event loop, so the user's
 *     timers and promises never run (the core API is synchronous).
 *  2. Transport: structured-clone messages on a dedicated MessagePort, plus a shared Int32Array
 *     `ctrl` of wake-up counters. A sender posts, then bumps the receiver's counter and notifies;
 *     a receiver takes from its port with `receiveMessageOnPort`, and blocks in `Atomics.wait` on
 *     its counter when the port is empty. So both sides can block synchronously.
 *  3. Requests and callbacks nest in both directions (a core method calls a handler, which
 *     calls the core): whoever waits for a reply serves the other side's requests meanwhile.
 *  4. Functions in arguments travel as FN tags; the worker calls them back through stubs, one
 *     stub per tag, so the same function arrives as the same stub. The core object itself
 *     travels back as a CORE tag (a handler is handed the core). A function in a value the core
 *     returns travels as a FN_OUT tag, which no codec accepts.
 *  4a. A handler may be handed another object than the one createCore returned (a facade or a
 *     Proxy whose methods run on the object inside it, which they hand on): a callback argument
 *     that has the core's methods becomes an alias core (a negative id), announced once with its
 *     methods, so the handler's calls run on the very object it was handed, as they would in
 *     the user's own process. Aliases end when the next core is created.
 *  5. Whatever the user's code throws, returns or does is described, never rethrown raw: a
 *     thrown value that cannot be printed (`Object.create(null)`, a `toString` that throws, a
 *     throwing getter read while copying a result) is described in words. Only a harness-side
 *     request the worker does not know is answered as a protocol fault.
 *  6. `process.exit` in the user's code (which in a worker ends only the worker) sets EXITED and
 *     the exit code in `ctrl` and wakes the main thread, so the call that did it fails at once.
 *  7. The worker writes its thread id (Linux; 0 elsewhere) to `ctrl` before anything else, so
 *     the main thread's waits can leave out the time it waited for a CPU (targets/run-delay.ts).
 */

import { currentThreadSource } from "../run-delay.js";

/** Indexes in `ctrl`. */
export const MCTRL = { TO_WORKER: 0, TO_MAIN: 1, EXITED: 2, CODE: 3, TID: 4, SIZE: 5 } as const;
/** Tags of values that cannot travel as themselves (rule 4). */
export const TAG = { FN: "\u0000ioasid-fn", CORE: "\u0000ioasid-core", FN_OUT: "\u0000ioasid-function" } as const;

/** The worker's source (CommonJS, evaluated). */
export const MODULE_WORKER_SOURCE = `
"use strict";
const { workerData, receiveMessageOnPort } = require("node:worker_threads");
const { port, ctrlBuffer, url } = workerData;
const ctrl = new Int32Array(ctrlBuffer);
const TO_WORKER = ${MCTRL.TO_WORKER}, TO_MAIN = ${MCTRL.TO_MAIN}, EXITED = ${MCTRL.EXITED}, CODE = ${MCTRL.CODE};
Atomics.store(ctrl, ${MCTRL.TID}, ${currentThreadSource});
const FN = ${JSON.stringify(TAG.FN)}, CORE = ${JSON.stringify(TAG.CORE)}, FN_OUT = ${JSON.stringify(TAG.FN_OUT)};

const wake = () => { Atomics.add(ctrl, TO_MAIN, 1); Atomics.notify(ctrl, TO_MAIN); };
process.on("exit", (code) => { Atomics.store(ctrl, CODE, Number(code) | 0); Atomics.store(ctrl, EXITED, 1); wake(); });

const post = (m) => {
  try { port.postMessage(m); } catch (e) { port.postMessage({ t: "fault", message: "a value that cannot be sent: " + describe(e) }); }
  wake();
};
const next = () => {
  for (;;) {
    const first = receiveMessageOnPort(port);
    if (first !== undefined) return first.message;
    const seen = Atomics.load(ctrl, TO_WORKER);
    const second = receiveMessageOnPort(port);
    if (second !== undefined) return second.message;
    Atomics.wait(ctrl, TO_WORKER, seen);
  }
};

const clip = (s) => (s.length <= 2000 ? s : s.slice(0, 2000) + "... (" + s.length + " chars)");
function describe(e) {
  try { if (e instanceof Error && typeof e.message === "string") return clip(e.message === "" ? String(e.name) : e.message); } catch {}
  try { const s = String(e); if (typeof s === "string") return clip(s); } catch {}
  try { return "a thrown value that cannot be printed (" + Object.prototype.toString.call(e) + ")"; } catch {}
  return "a thrown value that cannot be printed";
}

const coreIds = new Map();
const cores = new Map();
const stubs = new Map();
let seq = 0;

function encode(v, seen) {
  if (typeof v === "function") return coreIds.has(v) ? { [CORE]: coreIds.get(v) } : { [FN_OUT]: describeFn(v) };
  if (typeof v === "symbol") return { [FN_OUT]: String(v.description) };
  if (v === null || typeof v !== "object") return v;
  if (coreIds.has(v)) return { [CORE]: coreIds.get(v) };
  if (seen.has(v)) return seen.get(v);
  if (Array.isArray(v)) {
    const out = [];
    seen.set(v, out);
    const n = v.length;
    for (let i = 0; i < n; i++) out.push(encode(v[i], seen));
    return out;
  }
  const out = {};
  seen.set(v, out);
  for (const k of Object.keys(v)) out[k] = encode(v[k], seen);
  return out;
}
function describeFn(f) { try { return "function " + String(f.name); } catch { return "function"; } }

function decode(v) {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map(decode);
  if (typeof v[FN] === "number") return stubFor(v[FN]);
  const out = {};
  for (const k of Object.keys(v)) out[k] = decode(v[k]);
  return out;
}

let nextAlias = -1;
const announced = new Set();
function isCoreLike(v) {
  if ((typeof v !== "object" && typeof v !== "function") || v === null) return false;
  try { return typeof v.getLocked === "function" && typeof v.putLocked === "function"; } catch { return false; }
}
// Rule 4a: an unregistered core-like callback argument becomes an alias core.
function encodeArgs(args) {
  const out = [];
  for (const a of args) {
    if (!coreIds.has(a) && isCoreLike(a)) {
      const id = nextAlias--;
      cores.set(id, a);
      coreIds.set(a, id);
    }
    const id = coreIds.get(a);
    if (id !== undefined && id < 0 && !announced.has(id)) {
      announced.add(id);
      out.push({ [CORE]: id, methods: methodsOf(a) });
    } else out.push(encode(a, new Map()));
  }
  return out;
}

function stubFor(id) {
  let stub = stubs.get(id);
  if (stub === undefined) {
    stub = function () { return request({ t: "callback", fn: id, args: encodeArgs(Array.from(arguments)) }); };
    stubs.set(id, stub);
  }
  return stub;
}

// A request to the main thread (a callback); serve its requests until the reply.
function request(m) {
  const mine = ++seq;
  post({ ...m, seq: mine });
  for (;;) {
    const r = next();
    if (r.t === "reply" && r.seq === mine) {
      if (r.threw !== undefined) {
        const e = new Error(r.threw);
        throw e;
      }
      return r.value;
    }
    serve(r);
  }
}

function methodsOf(core) {
  const names = new Set();
  const seen = new Set(); // an own property shadows the prototype's, whatever its value
  for (let o = core; o !== null && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    for (const k of Object.getOwnPropertyNames(o)) {
      if (k === "constructor" || seen.has(k)) continue;
      seen.add(k);
      const d = Object.getOwnPropertyDescriptor(o, k);
      if (d !== undefined && typeof d.value === "function") names.add(k);
    }
  }
  return [...names];
}

function answer(r, run) {
  let value;
  try {
    value = run();
  } catch (e) {
    post({ t: "reply", seq: r.seq, threw: describe(e) });
    return;
  }
  let encoded;
  try {
    encoded = encode(value, new Map());
  } catch (e) {
    post({ t: "reply", seq: r.seq, threw: "its result could not be read: " + describe(e) });
    return;
  }
  post({ t: "reply", seq: r.seq, value: encoded });
}

let createCore = null;
function serve(r) {
  if (r.t === "create") {
    for (const [id, c] of cores) if (id < 0) { cores.delete(id); coreIds.delete(c); announced.delete(id); }
    answer(r, () => {
      const core = createCore(r.config);
      if ((typeof core !== "object" && typeof core !== "function") || core === null) return { id: 0, methods: [], what: core === null ? "null" : typeof core };
      const id = r.core;
      cores.set(id, core);
      coreIds.set(core, id);
      return { id, methods: methodsOf(core), what: "object" };
    });
  } else if (r.t === "call") {
    const core = cores.get(r.core);
    answer(r, () => {
      if (core === undefined) throw new Error("no such core");
      return Reflect.apply(core[r.method], core, decode(r.args));
    });
  } else if (r.t === "release") {
    const core = cores.get(r.core);
    cores.delete(r.core);
    if (core !== undefined) coreIds.delete(core);
  } else {
    post({ t: "fault", message: "the worker got an unknown request" });
  }
}

import(url).then((mod) => {
  let exported;
  let exportName = "createCore";
  try {
    exported = mod.createCore;
    if (typeof exported !== "function") {
      exported = mod.default;
      exportName = "default";
    }
  } catch (e) {
    exported = undefined;
  }
  if (typeof exported !== "function") {
    post({ t: "load-failed", message: "exports no createCore(config) function (named export createCore, or a default export)" });
    return;
  }
  createCore = (config) => Reflect.apply(exported, undefined, [config]);
  post({ t: "loaded", exportName });
  for (;;) serve(next());
}, (e) => {
  post({ t: "load-failed", message: "cannot be imported as an ES module (" + describe(e) + ")" });
});
`;
