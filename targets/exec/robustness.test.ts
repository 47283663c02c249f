/**
 * The exec adapter never hangs the harness and never leaves a process behind: every way an
 * implementation can misbehave ends in an ExecFailure that names the step, within the timeout
 * plus a second, with the process gone.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { createExecCore, ExecFailure, ExecSession } from "./index.js";
import type { ExecCore } from "./index.js";
import { FakeImpls, isRunning } from "./fake-impl.js";
import type { Behaviour } from "./fake-impl.js";
import { runCoreSuite } from "../../properties/core/suite.js";

const TIMEOUT_MS = 1000;
const CONFIG = { capacity: 24 };
const fakes = new FakeImpls();
afterAll(() => fakes.remove());

const start = (b: Behaviour): ExecCore => createExecCore(process.execPath, [fakes.script(b)], { timeoutMs: TIMEOUT_MS, config: CONFIG });

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Gone, or a zombie nobody reaped yet (a container's pid 1 may not reap orphans). */
const isGoneOrZombie = (pid: number): boolean => {
  if (!isRunning(pid)) return true;
  const stat = `/proc/${pid}/stat`;
  return existsSync(stat) && / Z /.test(readFileSync(stat, "utf8"));
};

/** Run `f`, which must throw an ExecFailure; the failure and how long it took. */
const failureOf = (f: () => unknown): { readonly failure: ExecFailure; readonly ms: number } => {
  const t0 = Date.now();
  try {
    f();
  } catch (e) {
    if (e instanceof ExecFailure) return { failure: e, ms: Date.now() - t0 };
    throw e;
  }
  throw new Error("expected an ExecFailure, nothing was thrown");
};

/** What every failure must satisfy: quick, process gone, core stopped, close idempotent. */
const expectCleanFailure = (core: ExecCore, ms: number): void => {
  expect(ms).toBeLessThan(TIMEOUT_MS + 1000);
  const pid = core.pid;
  expect(pid).toBeTypeOf("number");
  if (pid !== undefined) expect(isRunning(pid)).toBe(false);
  expect(() => core.get(1, 1)).toThrow(/core is stopped/);
  core.close();
  core.close();
};

describe("exec adapter robustness", () => {
  it("a crash (exit) names the call and carries the stderr tail", () => {
    const core = start("crashOnSecondCall");
    expect(core.allocSet({ type: "null", value: 0 }, 4)).toEqual({ ok: true, value: 1 });
    const { failure, ms } = failureOf(() => core.alloc(1, 1, 8, null));
    expect(failure.step).toMatch(/^call #2 alloc\(1, 1, 8, null\)$/);
    expect(failure.what).toMatch(/exited with code 3 before answering/);
    expect(failure.stderrTail).toContain("boom: simulated crash");
    expect(failure.message).toContain("boom: simulated crash");
    expectCleanFailure(core, ms);
  });

  it("a hang past the timeout is cut off, and the process (which ignores EOF and SIGTERM) is killed", () => {
    const core = start("hang");
    const { failure, ms } = failureOf(() => core.find(null, 7, "none"));
    expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(failure.step).toBe('call #1 find(null, 7, "none")');
    expect(failure.what).toMatch(/no message from the implementation within 1000 ms/);
    expectCleanFailure(core, ms);
  });

  it("malformed JSON", () => {
    const core = start("garbage");
    const { failure, ms } = failureOf(() => core.setGet(3));
    expect(failure.step).toBe("call #1 setGet(3)");
    expect(failure.what).toMatch(/malformed JSON.*this is not json/);
    expectCleanFailure(core, ms);
  });

  it("a message that fails its codec", () => {
    const core = start("badErrno");
    const { failure, ms } = failureOf(() => core.put(null, 9));
    expect(failure.step).toBe("call #1 put(null, 9)");
    expect(failure.what).toMatch(/not valid.*EWHAT/s);
    expectCleanFailure(core, ms);
  });

  it("a reply to nothing (wrong seq)", () => {
    const core = start("wrongSeq");
    const { failure, ms } = failureOf(() => core.setPut(2));
    expect(failure.step).toBe("call #1 setPut(2)");
    expect(failure.what).toMatch(/seq 101, which answers no outstanding call/);
    expectCleanFailure(core, ms);
  });

  it("a reply out of order: the outer call answered while the handler's nested call waits", () => {
    const core = start("outOfOrder");
    expect(core.registerNotifier(null, { name: "kvm", priority: "CPU", handler: (d, c) => void c.getLocked(d.set, d.id) }).ok).toBe(true);
    const { failure, ms } = failureOf(() => core.notify(1, 5, "BIND"));
    expect(failure.step).toBe('call #3 getLocked(1, 5), inside the handler of "kvm" for deliver #1 (BIND of ID 5), inside call #2 notify(1, 5, "BIND")');
    expect(failure.what).toMatch(/reply to call #2 arrived while call #3, made inside it, was still waiting: replies out of order/);
    expectCleanFailure(core, ms);
  });

  it("a delivery to a notifier that was never registered", () => {
    const core = start("unknownNotifier");
    const { failure, ms } = failureOf(() => core.free(1, 5));
    expect(failure.what).toMatch(/notifier "ghost", which is not registered/);
    expectCleanFailure(core, ms);
  });

  it("half a message, then exit", () => {
    const core = start("partialLine");
    const { failure, ms } = failureOf(() => core.forEachIoasid(1));
    expect(failure.what).toMatch(/exited with code 0 before answering \(its last output had no newline: .*"se/);
    expectCleanFailure(core, ms);
  });

  it("a line longer than 16 MiB", () => {
    const core = start("endlessLine");
    const { failure, ms } = failureOf(() => core.setGet(1));
    expect(failure.what).toMatch(/a line longer than 16777216 bytes/);
    expectCleanFailure(core, ms);
  });

  it("a command that cannot start fails at the start step", () => {
    const { failure, ms } = failureOf(() => createExecCore("/nonexistent/ioasid-impl", [], { timeoutMs: TIMEOUT_MS, config: CONFIG }));
    expect(ms).toBeLessThan(TIMEOUT_MS + 1000);
    expect(failure.step).toBe("start of /nonexistent/ioasid-impl");
    expect(failure.what).toMatch(/ENOENT/);
  });

  it("a process that never says ready fails at init", () => {
    const silent = fakes.file("silent.cjs", "process.stdin.resume(); process.stdin.on('end', () => process.exit(0));");
    const { failure, ms } = failureOf(() => createExecCore(process.execPath, [silent], { timeoutMs: TIMEOUT_MS, startupMs: TIMEOUT_MS, config: CONFIG }));
    expect(ms).toBeLessThan(TIMEOUT_MS + 1000);
    expect(failure.step).toBe("init (capacity 24)");
  });

  it("a message bigger than the shared slot arrives whole (chunked)", () => {
    const core = start("bigReply");
    const r = core.forEachIoasid(1);
    expect(r.ok && Array.isArray(r.value) ? r.value.length : 0).toBe(120000);
    expect(r.ok && Array.isArray(r.value) ? r.value[119999] : 0).toBe(120000);
    core.close();
    const pid = core.pid;
    if (pid !== undefined) expect(isRunning(pid)).toBe(false);
  });

  it("the suite turns an ExecFailure into a crash counterexample at that step", () => {
    const crashOnFree = fakes.file("crash-on-free.py", [
      "import os, sys",
      "sys.dont_write_bytecode = True",
      "sys.path.insert(0, 'examples/python-core')",
      "import ioasid_core as m",
      "def crash(self, *args):",
      "    sys.stderr.write('simulated crash in free\\n'); sys.stderr.flush(); os._exit(9)",
      "m.Core.free = crash",
      "sys.exit(m.main())",
    ].join("\n"));
    const session = new ExecSession("python3", [crashOnFree], { timeoutMs: 5000 });
    try {
      const r = runCoreSuite({ makeCore: (c) => session.core(c), numRuns: 200, seed: 7 });
      expect(r.failure).not.toBeNull();
      const f = r.failure;
      if (f === null) return;
      expect(f.divergence.kind).toBe("crash");
      expect(f.commands[f.failedStep]?.op).toBe("free");
      expect(f.divergence.detail).toMatch(/exec core failed at call #\d+ free\(/);
      expect(f.divergence.detail).toContain("simulated crash in free");
    } finally {
      session.close();
    }
  });

  it("every live child is killed when the harness process exits", () => {
    // A separate Node process runs the compiled channel, starts an implementation that ignores
    // EOF and SIGTERM, prints its pid and exits without closing anything.
    const out = join(fakes.dir, "compiled");
    mkdirSync(out);
    execFileSync(join(ROOT, "node_modules/.bin/tsc"), [
      "--ignoreConfig", join(ROOT, "targets/exec/channel.ts"), "--rootDir", ROOT, "--outDir", out, "--module", "nodenext",
      "--moduleResolution", "nodenext", "--target", "es2022", "--types", "node", "--skipLibCheck",
    ]);
    writeFileSync(join(out, "package.json"), '{ "type": "module" }');
    symlinkSync(join(ROOT, "node_modules"), join(out, "node_modules"));
    const harness = fakes.file("harness.mjs", [
      `import { ChildChannel } from ${JSON.stringify(join(out, "targets/exec/channel.js"))};`,
      `const ch = ChildChannel.start(process.execPath, [${JSON.stringify(fakes.script("hang"))}], 5000);`,
      "if ('error' in ch) { console.error(ch.error); process.exit(2); }",
      "console.log(ch.pid);",
      "process.exit(0);",
    ].join("\n"));
    const pid = Number(execFileSync(process.execPath, [harness], { encoding: "utf8" }).trim());
    expect(Number.isInteger(pid) && pid > 0).toBe(true);
    const deadline = Date.now() + 2000;
    while (!isGoneOrZombie(pid) && Date.now() < deadline) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    const gone = isGoneOrZombie(pid);
    if (!gone) process.kill(pid, "SIGKILL");
    expect(gone).toBe(true);
  });
});
