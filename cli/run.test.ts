/**
 * The real binary's run, replay and merge: determinism across workers, shards that merge into the
 * unsharded result, stored counterexamples replayed first, bad trace files as exit 2.
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const cli = (...args: string[]) => spawnSync(process.execPath, ["bin/ioasid-check.js", ...args], { encoding: "utf8", timeout: 240_000, killSignal: "SIGKILL" });
const json = (...args: string[]): unknown => JSON.parse(cli(...args, "--json").stdout);
const tmp = () => mkdtempSync(join(tmpdir(), "ioasid-check-"));

type SuiteJson = { suite: string; runs: number; commands: number; coverage: Record<string, number> };
const suitesOf = (v: unknown): SuiteJson[] => {
  if (typeof v !== "object" || v === null || !("suites" in v) || !Array.isArray(v.suites)) throw new Error(`no suites in ${JSON.stringify(v)}`);
  return v.suites.map((s: SuiteJson) => ({ suite: s.suite, runs: s.runs, commands: s.commands, coverage: s.coverage }));
};

describe("ioasid-check run", () => {
  it("gives the same result for a seed with 1 or 2 workers", () => {
    const store = tmp();
    const one = suitesOf(json("run", "--suite", "core", "--runs", "80", "--seed", "11", "--store", store));
    const two = suitesOf(json("run", "--suite", "core", "--runs", "80", "--seed", "11", "--workers", "2", "--store", store));
    expect(two).toEqual(one);
    expect(one[0]?.runs).toBe(80);
  });

  it("merges shards into the unsharded result", () => {
    const store = tmp();
    const outDir = tmp();
    const whole = suitesOf(json("run", "--suite", "system", "--runs", "40", "--seed", "5", "--store", store));
    const files = [1, 2, 3].map((k) => {
      const out = join(outDir, `shard-${k}.json`);
      const r = cli("run", "--suite", "system", "--runs", "40", "--seed", "5", "--shard", `${k}/3`, "--out", out, "--store", store);
      expect(r.status).toBe(0);
      return out;
    });
    expect(suitesOf(json("merge", ...files))).toEqual(whole);
  });

  it("refuses a store holding a file that is not a trace, naming it", () => {
    const store = tmp();
    writeFileSync(join(store, "notes.json"), JSON.stringify({ hello: 1 }));
    const r = cli("run", "--suite", "core", "--runs", "5", "--store", store);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/notes\.json: not an ioasid-check trace/);
  });

  it("replays stored counterexamples first and reports one that fails again", () => {
    const store = tmp();
    const trace = JSON.parse(readFileSync("counterexamples/corpus/core-reclaim-ignoring-refs.json", "utf8"));
    writeFileSync(join(store, "mine.json"), JSON.stringify(trace));
    const passing = cli("run", "--suite", "core", "--runs", "5", "--seed", "1", "--store", store);
    expect(passing.stdout).toContain("stored counterexamples replayed: 1, failing now: 0");
    writeFileSync(join(store, "mine.json"), JSON.stringify({ ...trace, expect: "pass" })); // claims fixed, still broken
    const again = cli("run", "--suite", "core", "--runs", "5", "--seed", "1", "--store", store);
    expect(again.status).toBe(1);
    expect(again.stdout).toMatch(/stored counterexample .*mine\.json fails again at step 4/);
    expect(again.stdout).toContain("stored counterexamples replayed: 1, failing now: 1");
  });

  it("accepts a time budget", () => {
    const r = cli("run", "--suite", "core", "--time", "0.5", "--seed", "3", "--store", tmp());
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/suite core: passed/);
  });
});

describe("ioasid-check replay", () => {
  it("replays corpus traces as expected", () => {
    const r = cli("replay", "counterexamples/corpus/core-order-reversed.json", "counterexamples/corpus/system-kvm-keeps-refs.json");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ok +counterexamples\/corpus\/core-order-reversed\.json: core on mutant:order-reversed, expected fail, got fail at step/m);
  });

  it.each([
    ["truncated", (t: string) => t.slice(0, 50), /x\.json: truncated JSON/],
    ["wrong version", (t: string) => t.replace('"version": 1', '"version": 7'), /x\.json: field version: expected 2/],
    ["bad field", (t: string) => t.replace('"quota": 4', '"quota": "four"'), /x\.json: commands\[0\]\.quota: expected number, got "four"/],
  ])("a %s file exits 2 naming the file and the field", (_name, edit, message) => {
    const dir = tmp();
    const file = join(dir, "x.json");
    writeFileSync(file, edit(readFileSync("counterexamples/corpus/core-reclaim-ignoring-refs.json", "utf8")));
    const r = cli("replay", file);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
