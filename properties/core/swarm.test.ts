/**
 * Core swarm testing: a run's swarm keeps the essential kinds and is part of its input, so the
 * seed and path of a core failure replay it exactly (swarm included).
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { coreSwarmArb, ESSENTIAL_CORE_KINDS, FULL_CORE_SWARM } from "./swarm.js";
import { COMMAND_KINDS, COMMAND_WEIGHTS } from "./arbitrary.js";
import { runCoreSuite } from "./suite.js";
import { CORE_MUTANTS } from "./mutants/index.js";

describe("core swarm", () => {
  it("keeps alloc_set and alloc in every run, leaves some kinds out in some runs, keeps all in others", () => {
    const swarms = fc.sample(coreSwarmArb, { numRuns: 200, seed: 5 });
    for (const s of swarms) for (const k of ESSENTIAL_CORE_KINDS) expect(s.weights.get(k)).toBe(3 * COMMAND_WEIGHTS[k]);
    expect(swarms.some((s) => COMMAND_KINDS.some((k) => s.weights.get(k) === 0))).toBe(true);
    expect(swarms.some((s) => COMMAND_KINDS.every((k) => s.weights.get(k) === FULL_CORE_SWARM.weights.get(k)))).toBe(true);
  });

  it.each(["spid-unscoped", "mm-notifier-joins-dying-set"])("seed and path replay a core failure of %s exactly", (name) => {
    const m = CORE_MUTANTS.find((x) => x.name === name);
    if (m === undefined) throw new Error(`no variant ${name}`);
    const make = (c: { readonly capacity: number }) => m.make(c.capacity);
    const first = runCoreSuite({ makeCore: make, seed: 20261121 });
    expect(first.failure, `seed 20261121: ${name} not caught`).not.toBeNull();
    const path = first.failure?.path ?? "";
    const again = runCoreSuite({ makeCore: make, seed: 20261121, path });
    expect(again.failure?.commands, `seed 20261121 path ${path}`).toEqual(first.failure?.commands);
    expect(again.failure?.divergence).toEqual(first.failure?.divergence);
  });
});
