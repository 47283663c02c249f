/**
 * A module core on an overloaded machine (run-delay.ts): with the harness and three CPU hogs
 * pinned to one CPU, a call that needs well under the timeout of CPU but gets only a share of
 * it answers, instead of becoming a false "no reply within" counterexample; an endless loop
 * still fails. Linux only (taskset, /proc).
 */
import { spawn, spawnSync } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const CAN_PIN = existsSync("/proc/thread-self/schedstat") && spawnSync("taskset", ["-c", "0", "true"], { stdio: "ignore" }).status === 0;
const dir = mkdtempSync(join(tmpdir(), "ioasid-busy-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const url = (rel: string): string => JSON.stringify(pathToFileURL(join(process.cwd(), rel)).href);

/** A core whose allocSet spins for `cpuMs` of the worker's own CPU time first (or for ever). */
const core = (name: string, spin: string): string => {
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, `import { createImplCore } from ${url("dist/impl/index.js")};
export const createCore = (c) => {
  const core = createImplCore(c);
  const real = core.allocSet.bind(core);
  core.allocSet = (...a) => { ${spin}; return real(...a); };
  return core;
};`);
  return file;
};

/** Open a session on `file` with a 500 ms timeout, call allocSet once, print what happened. */
const script = (file: string): string => {
  const s = join(dir, `run-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(s, `import { ModuleSession } from ${url("dist/targets/module/module-session.js")};
const s = ModuleSession.open(${JSON.stringify(file)}, { timeoutMs: 500 });
try { console.log("answered " + JSON.stringify(s.core({ capacity: 24 }).allocSet({ type: "null", value: 0 }, 4))); }
catch (e) { console.log("failed " + e.message); }
s.close();`);
  return s;
};

/** Run `file` pinned to CPU 0 beside three CPU hogs pinned there too; its output. */
const underLoad = async (file: string): Promise<string> => {
  const hogs: ChildProcess[] = [1, 2, 3].map(() => spawn("taskset", ["-c", "0", process.execPath, "-e", "for (;;) {}"], { stdio: "ignore" }));
  try {
    await new Promise((r) => setTimeout(r, 200));
    const r = spawnSync("taskset", ["-c", "0", process.execPath, script(file)], { encoding: "utf8", timeout: 60_000 });
    return r.stdout + r.stderr;
  } finally {
    for (const h of hogs) h.kill("SIGKILL");
  }
};

describe.runIf(CAN_PIN)("a module core on a machine with more runnable threads than CPUs", () => {
  it("a call needing about 120 ms of CPU answers, though a fair share of one CPU makes it take longer than the 500 ms timeout", async () => {
    // ~120 ms of the worker's own user time (process.cpuUsage counts every thread; the hogs are other processes).
    const out = await underLoad(core("slow", "const t = process.cpuUsage(); while (process.cpuUsage(t).user < 120_000) {}"));
    expect(out).toMatch(/^answered \{"ok":true,"value":1\}/);
  }, 90_000);

  it("an endless loop still fails with no reply (the extension is bounded)", async () => {
    const out = await underLoad(core("endless", "for (;;) {}"));
    expect(out).toMatch(/^failed .*no reply within 500 ms/);
  }, 90_000);
});
