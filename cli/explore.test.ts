/**
 * `ioasid-check explore` through the real binary: the spec alone, a bundled broken core (exit 1,
 * the counterexample, a trace that replay confirms), a module, a process, a kernel C file, and
 * usage and input errors.
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ExploreResult } from "../explore/result.js";

const cli = (...args: string[]) => spawnSync(process.execPath, ["bin/ioasid-check.js", ...args], { encoding: "utf8", timeout: 120_000 });

describe("ioasid-check explore", () => {
  it("explores the spec alone and reports states, transitions, depth and states per second", () => {
    const r = cli("explore", "--scope", "small", "--depth", "3");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^explore: scope small \(.*\) on spec, to depth 3$/m);
    expect(r.stdout).toMatch(/^depth 3 complete: \d+ distinct states, \d+ transitions in [\d.]+ s \([\d,]+ states\/s; [\d.]+ s CPU\)$/m);
    expect(r.stdout).toContain("no counterexample: every sequence of at most 3 commands of the scope passes");
  });

  it("--json prints the result codec's encoding", () => {
    const r = cli("explore", "--scope", "small", "--depth", "2", "--json");
    expect(r.status).toBe(0);
    const parsed: unknown = JSON.parse(r.stdout);
    expect(ExploreResult.is(parsed)).toBe(true);
    expect(parsed).toMatchObject({ target: "spec", depth: 2, stoppedBy: "depth", counterexample: null });
  });

  it("finds the shortest counterexample of a bundled broken core, exits 1, and writes a trace replay confirms", () => {
    const dir = mkdtempSync(join(tmpdir(), "ioasid-explore-"));
    try {
      const out = join(dir, "found.json");
      const r = cli("explore", "--impl", "mutant:free-drops-ref-early", "--depth", "5", "--out", out);
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(/^COUNTEREXAMPLE of 4 commands \(the shortest in this scope: every sequence of at most 3 commands passes\)$/m);
      expect(r.stdout).toMatch(/^class: outcome at \w+: events: missing deliver FREE$/m);
      expect(r.stdout).toContain(`written to ${out}`);
      const replay = cli("replay", out);
      expect(replay.status).toBe(0);
      expect(replay.stdout).toMatch(/expected fail, got fail at step 4/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("writes a user's core's counterexample as a trace naming that core, which replays on it and passes on the fixed one", () => {
    const dir = mkdtempSync(join(tmpdir(), "ioasid-explore-"));
    try {
      writeFileSync(join(dir, "broken.mjs"), `import { createImplCore } from ${JSON.stringify(resolve("dist/impl/index.js"))};
export const createCore = (config) => {
  const inner = createImplCore(config);
  return new Proxy(inner, { get: (t, k) => {
    const v = Reflect.get(t, k);
    if (typeof v !== "function") return v;
    return k === "get" ? (...a) => { const r = v.apply(t, a); return !r.ok && r.errno === "ENOENT" ? { ok: false, errno: "EBUSY" } : r; } : v.bind(t);
  } });
};`);
      const out = join(dir, "found.json");
      const r = cli("explore", "--impl", join(dir, "broken.mjs"), "--scope", "small", "--depth", "3", "--out", out);
      expect(r.status, r.stderr).toBe(1);
      expect(JSON.parse(readFileSync(out, "utf8"))).toMatchObject({ expect: "pass", core: { kind: "module", path: "broken.mjs" } });
      expect(cli("replay", out).stdout).toMatch(/^FAIL .*expected pass, got fail/m);
      expect(cli("replay", out, "--impl", "impl").status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("explores a module and a process speaking the exec protocol", () => {
    const mod = cli("explore", "--impl", "dist/examples/ts-cyclic/index.js", "--scope", "small", "--depth", "3");
    expect(mod.status).toBe(0);
    expect(mod.stdout).toContain("on dist/examples/ts-cyclic/index.js");
    const exec = cli("explore", "--exec", "python3 examples/python-core/ioasid_core.py", "--scope", "small", "--depth", "2");
    expect(exec.status).toBe(0);
    expect(exec.stdout).toContain("no counterexample");
  });

  it("explores a kernel C file built with the kit", () => {
    const r = cli("explore", "--kernel-c", "examples/kernel-c/ioasid.c", "--scope", "small", "--depth", "2");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("on examples/kernel-c/ioasid.c");
    expect(r.stdout).toContain("no counterexample");
  });

  it.each([
    [["explore", "--scope", "huge"], 'unknown scope "huge"'],
    [["explore", "--depth", "0"], "--depth expects an integer >= 1"],
    [["explore", "--impl", "impl", "--exec", "x"], "one target"],
    [["explore", "--cflags", "-O2"], "--cflags goes with --kernel-c FILE"],
    [["explore", "--kernel-c", "no/such/file.c"], "no/such/file.c"],
    [["explore", "--impl", "no/such/module.js"], "no/such/module.js: no such file"],
  ])("usage or input error %j exits 2 naming the problem", (args, message) => {
    const r = cli(...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
