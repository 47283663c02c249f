/**
 * `validate --exec` ends the implementation's whole process group: the processes a wrapper
 * script starts die with it at the end of a run, on a timeout, and when the harness itself gets
 * SIGTERM or SIGINT (the reaper). Checked by process group through the real binary.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { groupMembers, isLive, waitFor } from "../../tests/hostile/process-groups.js";

const dir = mkdtempSync(join(tmpdir(), "ioasid-pgroup-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PYTHON_CORE = join(process.cwd(), "examples/python-core/ioasid_core.py");

/** A shell wrapper that starts two sleepers in its group, records its pid and theirs, then runs `inner`. */
const wrapper = (name: string, inner: string): { readonly script: string; readonly pidFile: string } => {
  const pidFile = join(dir, `${name}.pid`);
  const script = join(dir, `${name}.sh`);
  writeFileSync(script, `sleep 300 &\na=$!\nsleep 300 &\necho $$ $a $! > ${JSON.stringify(pidFile)}\n${inner}\n`);
  return { script, pidFile };
};

/** The wrapper's pid and its children's. */
const pidsOf = (pidFile: string): readonly number[] => readFileSync(pidFile, "utf8").trim().split(" ").map(Number);
/** The live (not zombie) processes of `pids`, and of the group of the first one. */
const survivors = (pids: readonly number[]): readonly number[] => [...new Set([...pids.filter(isLive), ...groupMembers(pids[0] ?? -1)])];

const cli = (...args: string[]) => spawnSync(process.execPath, ["bin/ioasid-check.js", ...args], { encoding: "utf8", timeout: 60_000 });

describe("validate --exec ends the implementation's process group", () => {
  it("at the end of a passing run: the wrapper's children do not survive", async () => {
    const w = wrapper("pass", `python3 ${JSON.stringify(PYTHON_CORE)}`);
    const r = cli("validate", "--exec", `sh ${w.script}`, "--suite", "core", "--runs", "5", "--seed", "1");
    expect(r.status).toBe(0);
    const pids = pidsOf(w.pidFile);
    expect(pids).toHaveLength(3);
    expect(await waitFor(() => survivors(pids).length === 0, 3000)).toBe(true);
  });

  it("on a timeout: a hung implementation and its children are killed", async () => {
    const w = wrapper("hang", "trap '' TERM; while :; do sleep 1; done");
    const r = cli("validate", "--exec", `sh ${w.script}`, "--suite", "core", "--runs", "3", "--timeout", "300");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/within \d+ ms/);
    const pids = pidsOf(w.pidFile);
    expect(pids).toHaveLength(3);
    expect(await waitFor(() => survivors(pids).length === 0, 3000)).toBe(true);
  });

  it.each(["SIGTERM", "SIGINT"] as const)("when the harness gets %s mid-run, the group is ended", async (signal) => {
    const w = wrapper(`signal-${signal}`, `python3 ${JSON.stringify(PYTHON_CORE)}`);
    const harness = spawn(process.execPath, ["bin/ioasid-check.js", "validate", "--exec", `sh ${w.script}`, "--runs", "100000", "--seed", "1"], { stdio: "ignore" });
    const exited = new Promise<void>((resolve) => harness.on("exit", () => resolve()));
    let pids: readonly number[] = [];
    try {
      expect(await waitFor(() => existsSync(w.pidFile) && pidsOf(w.pidFile).length === 3, 20_000)).toBe(true);
      pids = pidsOf(w.pidFile);
      // A sleeper forked just before the file was written may still be inside its exec (no cmdline yet).
      expect(await waitFor(() => pids.filter(isLive).length === 3, 5000)).toBe(true);
    } finally {
      harness.kill(signal);
      await exited;
    }
    const gone = await waitFor(() => survivors(pids).length === 0, 15_000); // the reaper is a node process: its start can take seconds on a loaded machine
    const left = survivors(pids);
    for (const pid of left) process.kill(pid, "SIGKILL");
    expect(left.map((p) => `${p}: ${readFileSync(`/proc/${p}/cmdline`, "utf8")}`)).toEqual([]);
    expect(gone).toBe(true);
  });
});
