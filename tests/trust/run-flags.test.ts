/**
 * Issue 9 through the real binary: `run` takes every seed its replay lines print (negative,
 * `--seed=`, above 2^31), refuses what cannot be run (exit 2, one line on stderr), raises a time
 * budget too small for one run to one run instead of reporting an empty counterexample, and
 * refuses a store that cannot be read.
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCoreSuite } from "../../properties/core/suite.js";
import { runSystemSuite } from "../../properties/system/suite.js";
import { CORE_MUTANTS } from "../../properties/core/mutants/index.js";
import { DRIVER_MUTANTS } from "../../properties/system/mutants/index.js";
import { createImplCore } from "../../impl/index.js";

const cli = (...args: string[]) => spawnSync(process.execPath, ["bin/ioasid-check.js", ...args], { encoding: "utf8", timeout: 60_000 });
const tmp = () => mkdtempSync(join(tmpdir(), "ioasid-trust-"));
const lines = (s: string) => s.trim().split("\n").filter((l) => l !== "");

describe("run takes every seed it prints", () => {
  it.each([["--seed", "-5"], ["--seed=-5"], ["--seed", "0"], ["--seed", "3000000000"], ["--seed", "-2147483648"], ["--seed", "4294967295"]])("%s %s", (...seed) => {
    const r = cli("run", "--suite", "core", "--runs", "3", ...seed, "--store", tmp());
    expect(r.stderr).not.toMatch(/ambiguous|internal error/);
    expect(r.status).toBe(0);
  });
});

describe("run refuses what it cannot run: exit 2, one line", () => {
  it.each([
    [["--suite", "core", "--seed", "1", "--path", "999999:99999"], /--path 999999:99999 names no generated case/],
    [["--shard", "9/9"], /--shard expects at most 8 shards/],
    [["--suite", "core", "--seed", "1", "--path", ""], /--path expects the path/],
    [["--suite", "core", "--seed", "1", "--path", "x:y"], /--path expects the path/],
    [["--seed", "4294967296"], /--seed expects an integer from -2147483648 to 4294967295/],
    [["--seed", "-2147483649"], /--seed expects an integer/],
    [["--time", "1", "--runs", "5"], /either --runs N or --time SECONDS/],
    [["--suite", "core", "--seed", "1", "--path", "1:2", "--shard", "1/2"], /--path replays one case/],
    [["--runs", "-5"], /--runs expects an integer >= 1, got "-5"/],
  ])("%j", (args, message) => {
    const r = cli("run", ...args, "--store", tmp());
    expect(r.status).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});

describe("a time budget too small for one run", () => {
  it.each(["core", "system"])("%s: raised to one run, never an empty counterexample or trace", (suite) => {
    const store = tmp();
    const r = cli("run", "--suite", suite, "--time", "0.0001", "--seed", "3", "--store", store);
    expect(r.stdout).not.toMatch(/COUNTEREXAMPLE/);
    expect(r.stderr).toMatch(new RegExp(`suite ${suite}: the time budget ended before a run completed; raised to one run`));
    expect(r.status).toBe(0);
    expect(readdirSync(store)).toEqual([]);
  });
});

describe("a store that cannot be read is said, not skipped", () => {
  it.each([["a file", () => { const f = join(tmp(), "store"); writeFileSync(f, "x"); return f; }], ["/dev/null", () => "/dev/null"]])("%s", (_name, store) => {
    const s = store();
    const r = cli("run", "--suite", "core", "--runs", "3", "--seed", "1", "--store", s);
    expect(r.status).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain(`${s}: the store cannot be listed`);
  });
});

describe("run --path takes the paths counterexamples print (core and system: fast-check's path ~ the commands' path)", () => {
  const coreMutant = CORE_MUTANTS[0];
  const driverMutant = DRIVER_MUTANTS[0];
  if (coreMutant === undefined || driverMutant === undefined) throw new Error("no broken variants");
  it.each<[string, () => string]>([
    ["core", () => runCoreSuite({ makeCore: (c) => coreMutant.make(c.capacity), seed: -5 }).failure?.path ?? ""],
    ["system", () => runSystemSuite({ makeCore: () => createImplCore(), drivers: driverMutant.drivers, seed: -5 }).failure?.path ?? ""],
  ])("%s", (suite, pathOf) => {
    const path = pathOf();
    expect(path).toMatch(/~/);
    const r = cli("run", "--suite", suite, "--seed", "-5", "--path", path, "--store", tmp());
    expect(r.stderr).not.toMatch(/wrong path|internal error/);
    expect(r.stdout).toMatch(new RegExp(`suite ${suite}: passed — [1-9]\\d* runs`)); // on the correct implementation the case passes
    expect(r.status).toBe(0);
  }, 60_000);
});
