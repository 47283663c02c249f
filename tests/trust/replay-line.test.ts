/**
 * Issue 9 item 2: the replay line `run` prints replays verbatim, for every seed (negative, 0,
 * above 2^31) and path. A broken variant gives a counterexample; its line, printed as `run`
 * prints it (formatFailure for core, runReplayLine for system) and split as a shell would, parses
 * back to the same seed and path, reproduces the same counterexample on that variant, and runs
 * through the real binary on the bundled implementation without a parse or path error.
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseRequest, splitCommand } from "../../cli/args.js";
import { runCoreSuite } from "../../properties/core/suite.js";
import { formatFailure } from "../../properties/core/report.js";
import { runSystemSuite } from "../../properties/system/suite.js";
import { runReplayLine } from "../../properties/suites.js";
import { CORE_MUTANTS } from "../../properties/core/mutants/index.js";
import { DRIVER_MUTANTS } from "../../properties/system/mutants/index.js";
import { createImplCore } from "../../impl/index.js";

const cli = (...args: string[]) => spawnSync(process.execPath, ["bin/ioasid-check.js", ...args], { encoding: "utf8", timeout: 60_000 });
const coreMutant = CORE_MUTANTS.find((m) => m.name === "reclaim-ignoring-refs") ?? CORE_MUTANTS[0];
const driverMutant = DRIVER_MUTANTS.find((m) => m.name === "kvm-keeps-refs") ?? DRIVER_MUTANTS[0];
if (coreMutant === undefined || driverMutant === undefined) throw new Error("no broken variants");

interface Case {
  readonly line: string;
  readonly failure: { readonly commands: readonly unknown[]; readonly failedStep: number };
  readonly again: (seed: number, path: string) => { readonly commands: readonly unknown[]; readonly failedStep: number } | null;
}

const coreCase = (seed: number): Case => {
  const run = (s: number, path?: string) => runCoreSuite({ makeCore: (c) => coreMutant.make(c.capacity), seed: s, ...(path === undefined ? {} : { path }) }).failure;
  const f = run(seed);
  if (f === null) throw new Error(`${coreMutant.name} not caught at seed ${seed}`);
  const line = /^replay: (.*)$/m.exec(formatFailure(f, "npx ioasid-check run --suite core"))?.[1] ?? "";
  return { line, failure: f, again: (s, p) => run(s, p) };
};

const systemCase = (seed: number): Case => {
  const run = (s: number, path?: string) => runSystemSuite({ makeCore: () => createImplCore(), drivers: driverMutant.drivers, seed: s, ...(path === undefined ? {} : { path }) }).failure;
  const f = run(seed);
  if (f === null) throw new Error(`${driverMutant.name} not caught at seed ${seed}`);
  return { line: runReplayLine("system", f.seed, f.path), failure: f, again: (s, p) => run(s, p) };
};

describe("the printed replay line replays verbatim", () => {
  it.each<[string, number, (seed: number) => Case]>([
    ["core", -7, coreCase], ["core", 0, coreCase], ["core", 3_000_000_000, coreCase], ["system", -7, systemCase], ["system", 3_000_000_000, systemCase],
  ])("%s, seed %d", (suite, seed, make) => {
    const c = make(seed);
    const words = splitCommand(c.line);
    expect(words.slice(0, 2)).toEqual(["npx", "ioasid-check"]);
    const req = parseRequest(words.slice(2));
    if (req.kind !== "run" || req.seed === undefined || req.path === undefined) throw new Error(`not a replay: ${c.line}`);
    expect(req.suites).toEqual([suite]);
    expect(req.seed).toBe(seed);
    const again = c.again(req.seed, req.path);
    expect(again?.commands, c.line).toEqual(c.failure.commands);
    expect(again?.failedStep).toBe(c.failure.failedStep);
    const r = cli(...words.slice(2), "--store", mkdtempSync(join(tmpdir(), "ioasid-replay-")));
    expect(r.stderr).not.toMatch(/ambiguous|wrong path|internal error/);
    expect(r.status, r.stderr).toBe(0); // the bundled implementation passes the case
  }, 120_000);
});
