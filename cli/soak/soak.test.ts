/**
 * `npm run soak` through its compiled entry: one round of the main job with a fixed first seed
 * prints the figures per suite and passes; a bad option exits 2 with one line.
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { formatSoak } from "./format.js";
import { replayOf } from "./soak.js";

const soak = (...args: string[]) => spawnSync(process.execPath, ["dist/cli/soak/main.js", ...args], { encoding: "utf8" });

describe("npm run soak", () => {
  it("runs at least one round of both suites and prints runs, commands and counterexamples per suite", () => {
    const r = soak("--minutes", "0.0001", "--seed", "5", "--runs", "16");
    expect(r.stdout).toMatch(/^ {2}core +16 runs +\d+ commands +0 counterexamples/m);
    expect(r.stdout).toMatch(/^ {2}system +16 runs +\d+ commands +0 counterexamples/m);
    expect(r.stdout).toContain("soak: no counterexample");
    expect(r.stderr).toContain("round 1 seed 5: ok");
    expect(r.status).toBe(0);
  }, 60_000);

  it.each([["--minutes", "0"], ["--runs", "0"], ["--minutes", "ten"], ["--workers", "0"], ["--seed", "x"], ["--bogus"]])("%s %s exits 2 with one line", (...args) => {
    const r = soak(...args);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("prints every counterexample with its replay line", () => {
    const text = formatSoak({
      rounds: 1, ms: 1000, totals: [{ suite: "core", runs: 5, commands: 50, counterexamples: 1, ms: 10 }],
      findings: [{ suite: "core", roundSeed: -3, text: "counterexample: 1 step", replay: replayOf('x\nreplay: npx ioasid-check run --suite core --seed -7 --path "1:2"\n') }],
    });
    expect(text).toContain('replay: npx ioasid-check run --suite core --seed -7 --path "1:2"');
    expect(text).toContain("soak: 1 counterexample");
  });
});
