/**
 * The real binary: help text equals the README's Usage section, exit codes, usage errors.
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { USAGE } from "./usage.js";

const cli = (...args: string[]) => spawnSync(process.execPath, ["bin/ioasid-check.js", ...args], { encoding: "utf8", timeout: 240_000, killSignal: "SIGKILL" });

describe("ioasid-check", () => {
  it("--help prints the usage, which is the README's Usage section", () => {
    const r = cli("--help");
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(USAGE);
    expect(readFileSync("README.md", "utf8")).toContain("```text\n" + USAGE + "\n```");
  });

  it("run passes on the bundled implementation and prints the coverage and the summary", () => {
    const r = cli("run", "--suite", "core", "--runs", "40", "--seed", "7", "--store", "counterexamples/corpus");
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^chunk 1\/8: core #1 5 runs/m); // plain progress lines when not on a TTY
    expect(r.stdout).toContain("suite core: passed");
    expect(r.stdout).toContain("events delivered:");
    const coreTraces = readdirSync("counterexamples/corpus").filter((f) => f.startsWith("core-")).length;
    expect(r.stdout).toContain(`stored counterexamples replayed: ${coreTraces}, failing now: 0`);
    expect(r.stdout).toMatch(/^core +40 +\d+ +\d+\/\d+ cases +0 /m);
  });

  it("--json gives a machine-readable result", () => {
    const r = cli("run", "--suite", "core", "--runs", "20", "--seed", "7", "--json");
    const parsed: unknown = JSON.parse(r.stdout);
    expect(parsed).toMatchObject({ seed: 7, suites: [{ suite: "core", runs: 20, passed: true, failure: null }] });
  });

  it.each([
    [["run", "--runs", "0"], "--runs expects an integer >= 1"],
    [["run", "--runs", "1.5"], "--runs expects an integer >= 1"],
    [["run", "--suite", "nope"], 'unknown suite "nope"'],
    [["frobnicate"], 'unknown command "frobnicate"'],
    [["run", "--bogus"], "bogus"],
  ])("usage error %j exits 2 naming the problem", (args, message) => {
    const r = cli(...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
