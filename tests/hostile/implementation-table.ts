/**
 * The misbehaving implementations of the hostile table (implementations.test.ts): JavaScript
 * modules for `validate --impl` and processes for `validate --exec`, each wrong in one way, and
 * what the binary must answer: exit 2 with one line naming the problem when the implementation
 * cannot be started (a load error), exit 1 with a counterexample naming the step when it
 * misbehaves once started.
 *
 * Module cases are built on the bundled implementation (dist/impl) with one method sabotaged;
 * process cases on the exec test prelude (init -> ready, then `behave(m)` for every call). Every
 * process records its pid, and the pids of the processes it starts, in the file named by its
 * first argument, so the test can check that none survives.
 */
import { PRELUDE } from "../../targets/exec/fake-impl.js";

/** One row. */
export interface HostileImplementation {
  readonly name: string;
  readonly kind: "module" | "exec";
  /** The module's or the script's text (`IMPL` stands for the bundled implementation's URL). */
  readonly source: string;
  /** 1: a counterexample; 2: an input error. */
  readonly exit: 1 | 2;
  /** What the output must say (stdout for exit 1, stderr for exit 2). */
  readonly says: RegExp;
  /** The suite to run (default core). */
  readonly suite?: "core" | "system";
  /** Runs at seed 1 (default 5): more for a misbehaviour the generator reaches later. */
  readonly runs?: number;
  /**
   * Run it again in a fresh directory and compare the counterexamples (a sample of cheap rows:
   * a row that shrinks a hang costs up to a minute on a loaded machine).
   */
  readonly replay?: true;
}

const ALL_METHODS = [
  "allocSet", "adjustSet", "setGet", "setGetLocked", "setPut", "setPutLocked", "forEachIoasid", "alloc", "free", "get", "getLocked",
  "put", "putLocked", "find", "attachData", "attachSpid", "detachSpid", "findBySpid", "registerNotifier", "unregisterNotifier",
  "registerNotifierMm", "unregisterNotifierMm", "notify", "registerAllocator", "unregisterAllocator", "inspectId",
];

/** A module: the bundled core with `methods` ("*" for all) replaced by `body` (`real` is the original). */
const sabotage = (methods: string, body: string, extra = ""): string => `
import { createImplCore } from IMPL;
let made = 0;
${extra}
export const createCore = (config) => {
  made++;
  const core = createImplCore(config);
  for (const name of ${JSON.stringify(methods === "*" ? ALL_METHODS : methods.split(","))}) {
    const real = core[name].bind(core);
    core[name] = (...args) => { ${body} };
  }
  return core;
};`;

/** A module whose createCore is `body` (the bundled core is `createImplCore`). */
const factory = (body: string, top = ""): string => `
import { createImplCore } from IMPL;
let made = 0;
${top}
export const createCore = (config) => { made++; ${body} };`;

/** A process on the test prelude that records its pid, then behaves as `behave`. */
const process_ = (behave: string, top = ""): string => `
require("fs").appendFileSync(process.argv[2], process.pid + "\\n");
const { spawn } = require("child_process");
const child = () => { const c = spawn("sleep", ["300"], { stdio: "ignore" }); require("fs").appendFileSync(process.argv[2], c.pid + "\\n"); };
${top}
${PRELUDE}
function behave(m) { ${behave} }`;

/** A process that does `body` instead of speaking the protocol. */
const raw = (body: string): string => `
require("fs").appendFileSync(process.argv[2], process.pid + "\\n");
${body}`;

const reply = (value: string) => `out({ type: "reply", seq: m.seq, result: { ok: true, value: ${value} } });`;

export const HOSTILE_IMPLEMENTATIONS: readonly HostileImplementation[] = [
  // ---- modules that cannot be loaded: exit 2, one line
  { name: "module: not JavaScript", kind: "module", source: "this is not javascript {", exit: 2, says: /cannot be imported as an ES module/ },
  { name: "module: exports nothing", kind: "module", source: "export const x = 1;", exit: 2, says: /exports no createCore/ },
  { name: "module: createCore is not a function", kind: "module", source: "export const createCore = 5;", exit: 2, says: /exports no createCore/ },
  { name: "module: throws at the top level", kind: "module", source: "throw new Error('top-level boom');", exit: 2, says: /cannot be imported.*top-level boom/ },
  { name: "module: throws Object.create(null) at the top level", kind: "module", source: "throw Object.create(null);", exit: 2, says: /cannot be imported.*cannot be printed/ },
  { name: "module: a top-level await that never settles", kind: "module", source: "await new Promise(() => {});\nexport const createCore = () => ({});", exit: 2, says: /ended its worker thread while loading|did not finish loading/ },
  { name: "module: process.exit(0) at the top level", kind: "module", source: "process.exit(0);", exit: 2, says: /ended its worker thread while loading \(exit code 0/ },
  { name: "module: process.exit(3) at the top level", kind: "module", source: "process.exit(3);", exit: 2, says: /ended its worker thread while loading \(exit code 3/ },
  { name: "module: createCore throws", kind: "module", source: factory("throw new Error('nope');"), exit: 2, says: /createCore threw: nope/ },
  { name: "module: createCore throws an unprintable value", kind: "module", source: factory("throw { toString() { throw new Error('no'); } };"), exit: 2, says: /createCore threw: a thrown value that cannot be printed/ },
  { name: "module: createCore returns null", kind: "module", source: factory("return null;"), exit: 2, says: /createCore returned null, not an object/ },
  { name: "module: createCore returns a partial core", kind: "module", source: factory("return { allocSet() {} };"), exit: 2, says: /createCore returned an object without adjustSet/ },
  { name: "module: createCore hangs the first time", kind: "module", source: factory("for (;;) {}"), exit: 2, says: /createCore\(\{ capacity: 24 \}\).*no reply within 500 ms/ },
  { name: "module: createCore calls process.exit(0)", kind: "module", source: factory("process.exit(0);"), exit: 2, says: /ended its worker thread during the call \(exit code 0/ },

  // ---- modules that misbehave once started: exit 1, a counterexample at that step
  { name: "module: every method hangs", kind: "module", source: sabotage("*", "for (;;) {}"), exit: 1, says: /crash[\s\S]*no reply within 500 ms/ },
  { name: "module: getLocked hangs (inside a handler)", kind: "module", runs: 40, source: sabotage("getLocked", "const r = real(...args); if (r.ok) for (;;) {} return r;"), exit: 1, says: /getLocked\([\s\S]*inside callback #\d+ \(handler of "[^"]+"\)[\s\S]*no reply within 500 ms/ },
  { name: "module: every method calls process.exit(0)", kind: "module", source: sabotage("*", "process.exit(0);"), exit: 1, says: /ended its worker thread during the call \(exit code 0/ },
  { name: "module: alloc calls process.exit(7)", kind: "module", source: sabotage("alloc", "process.exit(7);"), exit: 1, says: /alloc\([\s\S]*ended its worker thread during the call \(exit code 7/ },
  { name: "module: throws Object.create(null)", kind: "module", source: sabotage("*", "throw Object.create(null);"), exit: 1, says: /threw: a thrown value that cannot be printed/, replay: true },
  { name: "module: throws an object whose toString throws", kind: "module", source: sabotage("*", "throw { toString() { throw new Error('no'); } };"), exit: 1, says: /threw: a thrown value that cannot be printed/, replay: true },
  { name: "module: throws a Proxy that throws on every trap", kind: "module", source: sabotage("*", "throw new Proxy({}, new Proxy({}, { get() { return () => { throw new Error('trap'); }; } }));"), exit: 1, says: /threw: a thrown value that cannot be printed/ },
  { name: "module: throws an Error whose message getter throws", kind: "module", source: sabotage("*", "const e = new Error('x'); Object.defineProperty(e, 'message', { get() { throw new Error('getter'); } }); throw e;"), exit: 1, says: /threw: /},
  { name: "module: throws undefined", kind: "module", source: sabotage("*", "throw undefined;"), exit: 1, says: /threw: undefined/, replay: true },
  { name: "module: throws a string", kind: "module", source: sabotage("*", "throw 'plain string';"), exit: 1, says: /threw: plain string/, replay: true },
  { name: "module: a result with a getter that throws", kind: "module", source: sabotage("*", "const r = real(...args); return { get ok() { throw new Error('getter boom'); }, value: r.value };"), exit: 1, says: /its result could not be read: getter boom/, replay: true },
  { name: "module: returns a function", kind: "module", source: sabotage("*", "return () => 1;"), exit: 1, says: /malformed|COUNTEREXAMPLE/, replay: true },
  { name: "module: returns a symbol", kind: "module", source: sabotage("*", "return Symbol('s');"), exit: 1, says: /malformed|COUNTEREXAMPLE/, replay: true },
  { name: "module: returns a cyclic object", kind: "module", source: sabotage("*", "const r = { ok: true }; r.value = r; return r;"), exit: 1, says: /COUNTEREXAMPLE/ },
  { name: "module: returns a 100,000-deep object", kind: "module", source: sabotage("*", "let r = {}; for (let i = 0; i < 100000; i++) r = { ok: true, value: r }; return r;"), exit: 1, says: /COUNTEREXAMPLE/ },
  { name: "module: createCore hangs from the second core on", kind: "module", source: factory("if (made > 1) for (;;) {} return createImplCore(config);"), exit: 1, says: /createCore\(\{ capacity: \d+ \}\): no reply within 500 ms/ },
  { name: "module: createCore throws from the second core on", kind: "module", source: factory("if (made > 1) throw new Error('second'); return createImplCore(config);"), exit: 1, says: /createCore threw: second/, replay: true },
  { name: "module: floods stderr, then free crashes", kind: "module", source: sabotage("free", "process.stderr.write('x'.repeat(1 << 20)); throw new Error('after the flood');"), exit: 1, says: /the core threw: after the flood/ },
  { name: "module: system suite, every method calls process.exit(0)", kind: "module", source: sabotage("*", "process.exit(0);"), exit: 1, says: /system suite[\s\S]*ended its worker thread/, suite: "system" },

  // ---- processes that cannot be started: exit 2
  { name: "exec: exits at start", kind: "exec", source: raw("process.exit(3);"), exit: 2, says: /exec core failed at init .*exited with code 3/ },
  { name: "exec: answers init with garbage", kind: "exec", source: raw("process.stdin.once('data', () => process.stdout.write('hello\\n')); process.stdin.resume();"), exit: 2, says: /exec core failed at init .*malformed JSON/ },
  { name: "exec: speaks another protocol version", kind: "exec", source: raw("process.stdin.once('data', () => process.stdout.write(JSON.stringify({ type: 'ready', version: 9 }) + '\\n')); process.stdin.resume();"), exit: 2, says: /protocol version 9/ },
  { name: "exec: killed by a signal at start", kind: "exec", source: raw("process.kill(process.pid, 'SIGKILL');"), exit: 2, says: /killed by SIGKILL/ },

  // ---- processes that misbehave once started: exit 1
  { name: "exec: hangs on every call, ignoring SIGTERM and EOF", kind: "exec", source: process_("", "process.on('SIGTERM', () => {}); process.stdin.on('end', () => {}); setInterval(() => {}, 1000);"), exit: 1, says: /no message from the implementation within 500 ms/ },
  { name: "exec: exits mid-call", kind: "exec", source: process_("process.exit(4);"), exit: 1, says: /exited with code 4 before answering/ },
  { name: "exec: killed by a signal mid-call", kind: "exec", source: process_("process.kill(process.pid, 'SIGKILL');"), exit: 1, says: /killed by SIGKILL/ },
  { name: "exec: a garbage line", kind: "exec", source: process_("process.stdout.write('garbage\\n');"), exit: 1, says: /malformed JSON from the implementation: "garbage"/, replay: true },
  { name: "exec: a bad errno", kind: "exec", source: process_("out({ type: 'reply', seq: m.seq, result: { ok: false, errno: 'EWHAT' } });"), exit: 1, says: /not valid[\s\S]*EWHAT/ },
  { name: "exec: NaN as a bare JSON token", kind: "exec", source: process_("process.stdout.write('{\"type\":\"reply\",\"seq\":' + m.seq + ',\"result\":{\"ok\":true,\"value\":NaN}}\\n');"), exit: 1, says: /malformed JSON/ },
  { name: "exec: a wrong seq", kind: "exec", source: process_("out({ type: 'reply', seq: m.seq + 100, result: { ok: true, value: null } });"), exit: 1, says: /answers no outstanding call/ },
  { name: "exec: a delivery to an unknown notifier", kind: "exec", source: process_("out({ type: 'deliver', seq: 1, delivery: { event: 'FREE', id: 5, spid: null, set: 1, notifier: 'ghost' } });"), exit: 1, says: /notifier "ghost", which is not registered/ },
  { name: "exec: a double reply", kind: "exec", source: process_(`${reply("null")} ${reply("null")}`), exit: 1, says: /COUNTEREXAMPLE/ },
  { name: "exec: an unexpected ready", kind: "exec", source: process_("out({ type: 'ready', version: 1 });"), exit: 1, says: /unexpected "ready"/ },
  { name: "exec: a reply with neither result nor view", kind: "exec", source: process_("out({ type: 'reply', seq: m.seq });"), exit: 1, says: /not valid/ },
  { name: "exec: half a line, then exit", kind: "exec", source: process_("process.stdout.write('{\"type\":\"re'); process.exit(0);"), exit: 1, says: /no newline/ },
  { name: "exec: a 17 MiB line", kind: "exec", source: process_("process.stdout.write('x'.repeat(17 << 20));", "process.stdout.on('error', () => {});"), exit: 1, says: /a line longer than 16777216 bytes|no message from the implementation within 500 ms/ },
  { name: "exec: floods stderr, then exits", kind: "exec", source: process_("process.stderr.write('e'.repeat(1 << 20), () => process.exit(5));"), exit: 1, says: /exited with code 5|no message from the implementation within 500 ms/ },
  { name: "exec: starts children, then hangs", kind: "exec", source: process_("child(); child();", "process.on('SIGTERM', () => {});"), exit: 1, says: /no message from the implementation within 500 ms/ },
  { name: "exec: starts children, then exits mid-call", kind: "exec", source: process_("child(); child(); process.exit(6);"), exit: 1, says: /exited with code 6/, replay: true },
  { name: "exec: system suite, exits mid-call", kind: "exec", source: process_("process.exit(4);"), exit: 1, says: /system suite[\s\S]*exited with code 4/, suite: "system" },
];
