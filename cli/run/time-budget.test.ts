/**
 * The real binary under a time budget: it says how long it ran, raises a budget too small for
 * one run to one run, and threads give the same result for a seed as one thread.
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const cli = (...args: string[]) => spawnSync(process.execPath, ["bin/ioasid-check.js", ...args], { encoding: "utf8", timeout: 240_000, killSignal: "SIGKILL" });
const tmp = () => mkdtempSync(join(tmpdir(), "ioasid-check-"));

describe("ioasid-check run --time", () => {
  it("raises a budget too small for one run to one run per suite and passes", () => {
    const r = cli("run", "--time", "0.001", "--seed", "3", "--store", tmp());
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^core +1 +/m);
    expect(r.stdout).toMatch(/^system +1 +/m);
    expect(r.stdout).toMatch(/ran for \d+\.\d s \(wall clock\) on 1 thread; time budget 0\.001 s per suite, raised to one run/);
  });

  it("gives the same result for a seed on 3 threads as on 1", () => {
    const store = tmp();
    const run = (w: string) => {
      const r = cli("run", "--suite", "core", "--suite", "system", "--runs", "24", "--seed", "9", "--workers", w, "--store", store, "--json");
      expect(r.status).toBe(0);
      const v: unknown = JSON.parse(r.stdout);
      if (typeof v !== "object" || v === null || !("suites" in v) || !("workers" in v)) throw new Error(r.stdout);
      return { suites: JSON.stringify(v.suites).replace(/"ms":\d+/g, ""), workers: v.workers };
    };
    const one = run("1");
    const three = run("3");
    expect(three.workers).toBe(3);
    expect(three.suites).toBe(one.suites);
  });
});
