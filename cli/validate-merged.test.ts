/**
 * The coverage gate of `validate` (validate-merged.ts rule 1): at the default budget a case not
 * reached fails the suite (a coverage gap); with --runs it is only reported.
 */
import { describe, expect, it } from "vitest";
import { Coverage } from "../properties/core/coverage.js";
import { DEFAULT_CORE_RUNS } from "../properties/core/suite.js";
import { DEFAULT_SYSTEM_RUNS } from "../properties/system/suite.js";
import { SUITES, SYSTEM_GATE } from "../properties/suites.js";
import type { ValidationReport } from "../targets/validate.js";
import { validationMerged } from "./validate-merged.js";
import { mergedPassed } from "./run/merge.js";

const report = (coreReached: ReadonlyArray<readonly [string, number]>, systemReached: ReadonlyArray<readonly [string, number]>): ValidationReport => ({
  core: { runs: DEFAULT_CORE_RUNS, commands: 10, coverage: Coverage.fromEntries(coreReached), missing: [], failure: null, seed: 1, unchecked: [] },
  system: { runs: DEFAULT_SYSTEM_RUNS, commands: 10, reached: new Map(systemReached), failure: null, seed: 1 },
  ms: { core: 1000, system: 2000 },
});

describe("validate's coverage gate", () => {
  it("at the default budget, unreached gate cases are a gap that fails the suite, listing them", () => {
    const [first, ...rest] = SUITES.find((x) => x.name === "core")?.gate ?? [];
    const merged = validationMerged(report(rest.map((k) => [k, 1] as const), SYSTEM_GATE.map((k) => [k, 1] as const)), true);
    const core = merged.find((m) => m.suite.name === "core");
    const system = merged.find((m) => m.suite.name === "system");
    expect(core?.missing).toEqual([first]);
    expect(core !== undefined && mergedPassed(core)).toBe(false);
    expect(system !== undefined && mergedPassed(system)).toBe(true);
    expect(system?.ms).toBe(2000);
  });

  it("with --runs (not the default budget) the gate is reported, not enforced", () => {
    const merged = validationMerged(report([], []), false);
    expect(merged.every(mergedPassed)).toBe(true);
    expect(merged.every((m) => m.missing.length > 0)).toBe(true);
  });
});
