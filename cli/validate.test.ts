/**
 * `ioasid-check validate --impl`: the bundled TypeScript example (cyclic allocation) passes both
 * suites; a module that is not an implementation is an input error naming what is wrong.
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const cli = (...args: string[]) => spawnSync(process.execPath, ["bin/ioasid-check.js", ...args], { encoding: "utf8", timeout: 240_000, killSignal: "SIGKILL" });

describe("ioasid-check validate --impl", () => {
  it("the TypeScript cyclic example passes the core and system suites", () => {
    const r = cli("validate", "--impl", "dist/examples/ts-cyclic/index.js", "--runs", "300", "--seed", "9");
    expect(r.stdout).toMatch(/core suite on dist\/examples\/ts-cyclic\/index\.js: passed — 300 runs/);
    expect(r.stdout).toMatch(/system suite on dist\/examples\/ts-cyclic\/index\.js: passed — 300 runs/);
    expect(r.status).toBe(0);
  });

  it("a broken implementation is a counterexample (exit 1), not a crash", () => {
    const dir = mkdtempSync(join(tmpdir(), "ioasid-mod-"));
    const file = join(dir, "throws.mjs");
    writeFileSync(file, `import { createImplCore } from ${JSON.stringify(join(process.cwd(), "dist/impl/index.js"))};
export const createCore = (c) => {
  const core = createImplCore(c);
  return new Proxy(core, { get: (t, p) => (p === "free" ? () => { throw new Error("boom"); } : typeof t[p] === "function" ? t[p].bind(t) : t[p]) });
};`);
    const r = cli("validate", "--impl", file, "--suite", "core", "--runs", "200", "--seed", "1", "--store", join(dir, "findings"));
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/diverging at step \d+ \(crash\)[\s\S]*the core threw: boom/);
  });

  it.each([
    ["exports nothing useful", "export const x = 1;", /exports no createCore/],
    ["returns a partial core", "export const createCore = () => ({ allocSet() {} });", /createCore returned an object without adjustSet/],
    ["throws in createCore", "export const createCore = () => { throw new Error('nope'); };", /createCore threw: nope/],
    ["is not JavaScript", "this is not javascript", /cannot be imported as an ES module/],
  ])("a module that %s exits 2 naming the problem", (_name, text, message) => {
    const dir = mkdtempSync(join(tmpdir(), "ioasid-mod-"));
    const file = join(dir, "m.mjs");
    writeFileSync(file, text);
    const r = cli("validate", "--impl", file);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe("ioasid-check validate --exec", () => {
  it("the Python example passes the core and system suites over the protocol", () => {
    const r = cli("validate", "--exec", "python3 examples/python-core/ioasid_core.py", "--runs", "60", "--seed", "9");
    expect(r.stdout).toMatch(/core suite on python3 examples\/python-core\/ioasid_core\.py: passed — 60 runs/);
    expect(r.stdout).toMatch(/system suite on python3 examples\/python-core\/ioasid_core\.py: passed — 60 runs/);
    expect(r.status).toBe(0);
  });

  it("a process that dies at start is an input error naming the step", () => {
    const r = cli("validate", "--exec", "python3 -c 'import sys; sys.exit(3)'", "--suite", "core", "--runs", "5");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/exec core failed at init .*exited with code 3/);
  });

  it("needs exactly one target", () => {
    expect(cli("validate").status).toBe(2);
    expect(cli("validate", "--impl", "x.js", "--exec", "y").stderr).toMatch(/one of --impl MODULE, --exec "COMMAND ARGS", --kernel-c FILE or --mutants/);
  });
});
