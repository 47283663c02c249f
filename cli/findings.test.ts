/**
 * What comes back to a user validating their own core, through the real binary, in a fresh
 * working directory: the counterexample lands in the local findings store (git-ignored), names
 * the core it ran on, and `replay`, `shrink` and `show` run it on that core (or on the fixed
 * one given with --impl); the next `validate` replays it first; --json has run's schema.
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const BIN = resolve("bin/ioasid-check.js");
const IMPL = JSON.stringify(resolve("dist/impl/index.js"));
const cli = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", timeout: 240_000 });

/** A core answering EBUSY where the design rules ENOENT (D4). */
const BROKEN = `import { createImplCore } from ${IMPL};
export const createCore = (config) => {
  const inner = createImplCore(config);
  const ebusy = (r) => (!r.ok && r.errno === "ENOENT" ? { ok: false, errno: "EBUSY" } : r);
  return new Proxy(inner, { get: (t, k) => {
    const v = Reflect.get(t, k);
    if (typeof v !== "function") return v;
    return k === "get" || k === "getLocked" ? (...a) => ebusy(v.apply(t, a)) : v.bind(t);
  } });
};
`;
const FIXED = `import { createImplCore } from ${IMPL};
export const createCore = (config) => createImplCore(config);
`;
/** A core whose put never drops a reference: the system suite's leak check catches it. */
const LEAKY = `import { createImplCore } from ${IMPL};
export const createCore = (config) => {
  const inner = createImplCore(config);
  return new Proxy(inner, { get: (t, k) => {
    const v = Reflect.get(t, k);
    if (typeof v !== "function") return v;
    return k === "put" ? () => ({ ok: true, value: null }) : v.bind(t);
  } });
};
`;

const project = (): string => {
  const dir = mkdtempSync(join(tmpdir(), "ioasid-findings-"));
  writeFileSync(join(dir, "broken.mjs"), BROKEN);
  writeFileSync(join(dir, "fixed.mjs"), FIXED);
  writeFileSync(join(dir, "leaky.mjs"), LEAKY);
  return dir;
};

const findings = (dir: string): readonly string[] => {
  const store = join(dir, ".ioasid-check", "findings");
  return existsSync(store) ? readdirSync(store).filter((f) => f.endsWith(".json")).map((f) => join(".ioasid-check", "findings", f)) : [];
};

describe("validate --impl: the findings store and the round trip on the user's core", () => {
  it("stores the counterexample, which replays, shrinks and shows on that core, and passes on the fixed one", () => {
    const dir = project();
    const v = cli(dir, "validate", "--impl", "broken.mjs", "--suite", "core", "--runs", "300", "--seed", "3");
    expect(v.status, v.stderr).toBe(1);
    expect(readFileSync(join(dir, ".ioasid-check", ".gitignore"), "utf8")).toBe("*\n");
    const [file, ...others] = findings(dir);
    expect(others).toEqual([]);
    if (file === undefined) throw new Error(`no finding written:\n${v.stdout}`);
    expect(v.stdout).toContain(`counterexample written to ${file}`);
    expect(v.stdout).toMatch(/suite +runs +commands +coverage +failures +time +result\n[- ]+\ncore +\d+ /);
    const trace: unknown = JSON.parse(readFileSync(join(dir, file), "utf8"));
    expect(trace).toMatchObject({ version: 2, implementation: "broken.mjs", expect: "pass", core: { kind: "module", path: "../../broken.mjs", export: "createCore" } });

    const replay = cli(dir, "replay", file);
    expect(replay.status).toBe(1);
    expect(replay.stdout).toMatch(/^FAIL .*: core on broken\.mjs, expected pass, got fail at step \d+ \(outcome\)/);

    const shrink = cli(dir, "shrink", file, "--out", "small.json");
    expect(shrink.status, shrink.stderr).toBe(0);
    expect(shrink.stdout).toMatch(/replays on broken\.mjs\), same failure class; written to small\.json/);
    expect(JSON.parse(readFileSync(join(dir, "small.json"), "utf8"))).toMatchObject({ core: { kind: "module", path: "broken.mjs" } });

    const show = cli(dir, "show", "small.json");
    expect(show.status, show.stderr).toBe(0);
    expect(show.stdout).toMatch(/on broken\.mjs: fails at step \d+ \(outcome\)\n?$/);

    const fixed = cli(dir, "replay", "--impl", "fixed.mjs", file, "small.json");
    expect(fixed.status, fixed.stdout).toBe(0);
    expect(fixed.stdout).toMatch(/^ok +small\.json: core on fixed\.mjs, expected pass, got pass$/m);
    expect(cli(dir, "show", "small.json", "--impl", "fixed.mjs").stdout).toMatch(/on fixed\.mjs: passes/);

    const again = cli(dir, "validate", "--impl", "broken.mjs", "--suite", "core", "--runs", "5", "--seed", "3", "--json");
    expect(again.status).toBe(1);
    const json: unknown = JSON.parse(again.stdout);
    // The stored finding fails again (exit 1 whatever five fresh runs find).
    expect(json).toMatchObject({ implementation: "broken.mjs", stored: { replayed: 1, failures: [{ file }] }, suites: [{ suite: "core" }] });
    const other = cli(dir, "validate", "--impl", "fixed.mjs", "--suite", "core", "--runs", "5", "--seed", "3");
    expect(other.status, other.stdout).toBe(0);
    expect(other.stdout).toMatch(/stored counterexamples replayed: 0, failing now: 0/);
  });

  it("a system-suite finding replays on the user's core under the drivers, not on the bundled one", () => {
    const dir = project();
    const v = cli(dir, "validate", "--impl", "leaky.mjs", "--suite", "system", "--runs", "100", "--seed", "5", "--store", "found");
    expect(v.status, v.stdout).toBe(1);
    const [file] = readdirSync(join(dir, "found")).map((f) => join("found", f));
    if (file === undefined) throw new Error(`no finding written:\n${v.stdout}`);
    expect(existsSync(join(dir, ".ioasid-check"))).toBe(false);
    const replay = cli(dir, "replay", file);
    expect(replay.status, replay.stdout).toBe(1);
    expect(replay.stdout).toMatch(/^FAIL found\/system-leaky-\d+\.json: system on leaky\.mjs, expected pass, got fail/);
    const shrink = cli(dir, "shrink", file, "--out", "small.json");
    expect(shrink.status, shrink.stderr).toBe(0);
    expect(shrink.stdout).toMatch(/replays on leaky\.mjs\), same failure class/);
    expect(cli(dir, "show", "small.json").stdout).toMatch(/on leaky\.mjs: fails (at step \d+|at the teardown \/ leak check) \(\w+\)/);
    const fixed = cli(dir, "replay", file, "--impl", "fixed.mjs");
    expect(fixed.stdout).toMatch(/^ok +found\/system-leaky-\d+\.json: system on fixed\.mjs, expected pass, got pass$/m);
    expect(fixed.status).toBe(0);
  });

  it("a trace whose core cannot be opened, or a bad --impl, is one line and exit 2", () => {
    const dir = project();
    writeFileSync(join(dir, "t.json"), JSON.stringify({
      format: "ioasid-check-trace", version: 2, suite: "core", implementation: "gone.mjs", seed: 1, path: null, capacity: 24,
      core: { kind: "module", path: "gone.mjs", export: "createCore" },
      commands: [{ op: "alloc_set", token: { type: "null", value: 0 }, quota: 2 }], values: [1], violation: null, expect: "pass", note: "",
    }));
    for (const args of [["replay", "t.json"], ["shrink", "t.json"], ["show", "t.json"], ["replay", "t.json", "--impl", "nope.mjs"], ["replay", "t.json", "--exec", "python3 -c 'import sys; sys.exit(3)'"]]) {
      const r = cli(dir, ...args);
      expect(r.status, `${args.join(" ")}: ${r.stderr}`).toBe(2);
      expect(r.stderr.trim().split("\n"), args.join(" ")).toHaveLength(1);
    }
    expect(cli(dir, "replay", "t.json").stderr).toMatch(/t\.json: its core \(module gone\.mjs\): .*gone\.mjs: no such file/);
    expect(cli(dir, "replay", "t.json", "--impl", "fixed.mjs").status).toBe(0);
  });

  it("run replays the findings of the bundled core, and leaves other cores' findings alone", () => {
    const dir = project();
    const store = join(dir, ".ioasid-check", "findings");
    mkdirSync(store, { recursive: true });
    const corpus = JSON.parse(readFileSync("counterexamples/corpus/core-order-reversed.json", "utf8"));
    writeFileSync(join(store, "mine.json"), JSON.stringify({ ...corpus, implementation: "impl" }));
    writeFileSync(join(store, "theirs.json"), JSON.stringify({ ...corpus, version: 2, implementation: "x.mjs", core: { kind: "module", path: "../../x.mjs", export: "createCore" } }));
    const r = cli(dir, "run", "--suite", "core", "--runs", "3", "--seed", "1");
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/stored counterexample \.ioasid-check\/findings\/mine\.json fails again at step 0: expected to fail, but it passes/);
    expect(r.stdout).toMatch(/stored counterexamples replayed: 1, failing now: 1/);
  });
});
