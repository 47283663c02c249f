/**
 * Swarm testing: what a run's swarm may be, and that the seed and path of a run reproduce it
 * (and so the run) exactly.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createImplCore } from "../../impl/index.js";
import type { SystemCommandKind } from "../../hw-model/system/commands.js";
import { SYSTEM_WEIGHTS } from "./resolve.js";
import { ESSENTIAL_KINDS, fullSwarm, issues, swarmArb, swarmText } from "./swarm.js";
import { runSystemSuite } from "./suite.js";
import { DRIVER_MUTANTS } from "./mutants/index.js";

const KINDS = Object.keys(SYSTEM_WEIGHTS).filter((k): k is SystemCommandKind => Object.hasOwn(SYSTEM_WEIGHTS, k));

describe("swarm", () => {
  it("keeps the essential kinds on, gives every other kind a rate of 0, 33 or 100, and varies between runs", () => {
    const swarms = fc.sample(swarmArb(KINDS), { numRuns: 200, seed: 11 });
    for (const s of swarms) {
      for (const k of ESSENTIAL_KINDS) expect(s.rates.get(k)).toBe(100);
      for (const k of KINDS) expect([0, 33, 100]).toContain(s.rates.get(k));
    }
    const full = swarms.filter((s) => KINDS.every((k) => s.rates.get(k) === 100)).length;
    expect(full).toBeGreaterThan(30); // about a quarter run every kind
    expect(full).toBeLessThan(100);
    expect(swarms.some((s) => KINDS.some((k) => s.rates.get(k) === 0))).toBe(true);
    expect(swarms.some((s) => KINDS.some((k) => s.rates.get(k) === 33))).toBe(true);
    expect(new Set(swarms.map((s) => s.quotas)).size).toBe(4);
  });

  it("issues a command exactly when its draw is below its kind's rate", () => {
    const s = { ...fullSwarm(KINDS), rates: new Map<SystemCommandKind, number>([["bind", 33], ["unbind", 0]]) };
    expect([issues(s, "bind", 0), issues(s, "bind", 32), issues(s, "bind", 33), issues(s, "unbind", 0), issues(s, "dma", 0)]).toEqual([true, true, false, false, false]);
    expect(KINDS.every((k) => issues(fullSwarm(KINDS), k, 99))).toBe(true);
    expect(swarmText(s, ["bind", "unbind", "dma"])).toBe("off: unbind, dma; thinned: bind; quotas: mixed; pair bias: off");
  });

  it("the same seed gives the same runs; seed and path replay a counterexample exactly", () => {
    const a = runSystemSuite({ makeCore: () => createImplCore(), numRuns: 25, seed: 4242 });
    const b = runSystemSuite({ makeCore: () => createImplCore(), numRuns: 25, seed: 4242 });
    expect([...b.reached].sort()).toEqual([...a.reached].sort());
    const m = DRIVER_MUTANTS.find((x) => x.name === "iommu-fpd-late");
    if (m === undefined) throw new Error("no iommu-fpd-late");
    const found = runSystemSuite({ makeCore: () => createImplCore(), drivers: m.drivers, seed: 77 });
    const f = found.failure;
    expect(f, "not caught").not.toBeNull();
    expect(f?.path).toMatch(/^\d+(:\d+)*~/); // shrunk: fast-check's path, then the commands' replay path
    const again = runSystemSuite({ makeCore: () => createImplCore(), drivers: m.drivers, seed: 77, path: f?.path ?? "" });
    expect(again.failure?.commands, `seed 77 path ${f?.path ?? ""}`).toEqual(f?.commands);
  });
});
