/**
 * `validate --exec` on an implementation that breaks the protocol after `ready`: the violation
 * is that suite's counterexample at that step (exit 1), the other suite's result is kept and
 * printed, and nothing escapes as an input error (exit 2) — even when the violation happens
 * while the system suite's drivers set up, or while a replacement process starts.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "ioasid-violations-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const PYTHON_DIR = join(process.cwd(), "examples/python-core");

/** The Python core with `patch` applied (`m` is its module). */
const variant = (name: string, patch: string): string => {
  const file = join(dir, `${name}.py`);
  writeFileSync(file, ["import os, sys", "sys.dont_write_bytecode = True", `sys.path.insert(0, ${JSON.stringify(PYTHON_DIR)})`, "import ioasid_core as m", patch.trim(), "sys.exit(m.main())"].join("\n"));
  return file;
};

const cli = (...args: string[]) => spawnSync(process.execPath, ["bin/ioasid-check.js", ...args], { encoding: "utf8", timeout: 240_000 });

describe("validate --exec: protocol violations after ready", () => {
  it("a process that dies when the system drivers register the IOMMU notifier: system counterexample, the core suite's result kept, exit 1", () => {
    const file = variant("dies-on-iommu", `
real = m.Core.registerNotifier
def registerNotifier(self, set_handle, nb):
    if nb.get("name") == "iommu" and nb.get("priority") == "IOMMU":
        sys.stderr.write("dying on the iommu notifier\\n"); sys.stderr.flush(); os._exit(4)
    return real(self, set_handle, nb)
m.Core.registerNotifier = registerNotifier`);
    const r = cli("validate", "--exec", `python3 ${file}`, "--runs", "20", "--seed", "5", "--timeout", "2000");
    expect(r.stderr).not.toMatch(/internal error|exec core failed/);
    expect(r.stdout).toMatch(/core suite on .*: (passed|COUNTEREXAMPLE) — \d+ runs/);
    expect(r.stdout).toMatch(/system suite on .*: COUNTEREXAMPLE/);
    expect(r.stdout).toMatch(/registerNotifier\(null, \{"name":"iommu".*exited with code 4 before answering/);
    expect(r.status).toBe(1);
  });

  it("a double reply to free: a counterexample at the step that reads the extra reply, in both suites, exit 1", () => {
    const file = variant("double-free-reply", `
real = m.Harness.send
state = {"free": False}
real_answer = m.Harness.answer
def answer(self, msg):
    state["free"] = msg.get("method") == "free"
    real_answer(self, msg)
def send(self, msg):
    if msg.get("type") == "reply" and state["free"]:
        real(self, msg)
    real(self, msg)
m.Harness.send = send
m.Harness.answer = answer`);
    const r = cli("validate", "--exec", `python3 ${file}`, "--runs", "30", "--seed", "5", "--timeout", "2000");
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/core suite on .*: COUNTEREXAMPLE/);
    expect(r.stdout).toMatch(/system suite on .*: COUNTEREXAMPLE/);
    expect(r.stdout).toMatch(/answers no outstanding call|expected "ready", got a "reply"/);
    expect(r.status).toBe(1);
  });
});
