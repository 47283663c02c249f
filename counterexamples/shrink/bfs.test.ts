/**
 * The breadth-first search: the engine on a toy space, and the system space on a broken driver.
 */
import { describe, expect, it } from "vitest";
import { DRIVER_MUTANTS } from "../../properties/system/mutants/index.js";
import type { Space } from "./search.js";
import { breadthFirst } from "./search.js";
import { bfsDriverMutant } from "./bfs.js";
import { SYSTEM_ALPHABET, alphabetOfKinds } from "./system-alphabet.js";

/** A counter stepped by +1, +2 or *2 (mod 20); it "fails" on reaching `target`. */
const counter = (target: number, hidden = false): Space<string, { readonly cmds: readonly string[]; readonly v: number }> => ({
  root: { cmds: [], v: 1 },
  commandsOf: (n) => n.cmds,
  key: (n) => String(n.v),
  ...(hidden ? { refine: (n: { readonly cmds: readonly string[] }) => n.cmds.join(",") } : {}),
  next: () => ["+1", "+2", "*2"],
  check: (n, c) => {
    const v = (c === "+1" ? n.v + 1 : c === "+2" ? n.v + 2 : n.v * 2) % 20;
    return v === target ? { failure: { kind: "hit", detail: `${v}` }, child: null } : { failure: null, child: { cmds: [...n.cmds, c], v } };
  },
});

describe("breadthFirst", () => {
  it("finds the shortest sequence and prunes repeated states", () => {
    const r = breadthFirst(counter(16), { maxDepth: 8 });
    const cmds = r.found?.commands ?? [];
    expect(cmds).toHaveLength(4); // nothing of length 3 reaches 16 from 1
    expect(cmds.reduce((v, c) => (c === "+1" ? v + 1 : c === "+2" ? v + 2 : v * 2) % 20, 1)).toBe(16);
    expect(r.stoppedBy).toBe("found");
    expect(r.complete).toBe(3);
    expect(r.pruned).toBeGreaterThan(0);
  });

  it("goes on past a failure the caller declines, to the shortest one it accepts", () => {
    const r = breadthFirst(counter(16), { maxDepth: 8, accept: (_, cmds) => cmds[0] === "+2" });
    expect(r.found?.commands[0]).toBe("+2");
    expect(r.found?.commands.length).toBeGreaterThanOrEqual(4);
  });

  it("stops at the depth bound or the budget, saying how far it got", () => {
    expect(breadthFirst(counter(16), { maxDepth: 3 })).toMatchObject({ found: null, complete: 3, stoppedBy: "depth" });
    expect(breadthFirst(counter(16), { maxDepth: 8, maxChecks: 5 })).toMatchObject({ found: null, complete: 1, stoppedBy: "budget" });
    expect(breadthFirst(counter(16), { maxDepth: 8, maxFrontier: 2 })).toMatchObject({ found: null, complete: 1, stoppedBy: "frontier" });
  });

  it("expands a same-depth repeat whose finer key differs", () => {
    const coarse = breadthFirst(counter(16), { maxDepth: 8 });
    const fine = breadthFirst(counter(16, true), { maxDepth: 8 });
    expect(fine.found?.commands.length).toBe(coarse.found?.commands.length);
    expect(fine.expanded).toBeGreaterThan(coarse.expanded);
  });
});

describe("bfsDriverMutant", () => {
  it("finds the two-step leak of iommu-skips-tlb-flush", () => {
    const m = DRIVER_MUTANTS.find((x) => x.name === "iommu-skips-tlb-flush");
    if (m === undefined) throw new Error("mutant missing");
    const r = bfsDriverMutant(m);
    expect(r.trace?.commands.map((c) => c.op)).toEqual(["proc_open", "proc_dma"]);
    expect(r.trace?.violation).toMatchObject({ step: 2, kind: "leak" });
  });

  it("searches the part of the alphabet of some kinds only, and then finds only sequences of them", () => {
    const m = DRIVER_MUTANTS.find((x) => x.name === "iommu-skips-tlb-flush");
    if (m === undefined) throw new Error("mutant missing");
    const native = alphabetOfKinds(new Set(["proc_open", "proc_dma"]));
    expect(native.length).toBeGreaterThan(0);
    expect(native.every((a) => a.op === "proc_open" || a.op === "proc_dma")).toBe(true);
    expect(native.every((a) => SYSTEM_ALPHABET.some((b) => JSON.stringify(b) === JSON.stringify(a)))).toBe(true);
    expect(bfsDriverMutant(m, {}, native).trace?.commands.map((c) => c.op)).toEqual(["proc_open", "proc_dma"]);
    const opensOnly = bfsDriverMutant(m, { maxDepth: 3 }, alphabetOfKinds(new Set(["proc_open", "proc_close"])));
    expect(opensOnly).toMatchObject({ trace: null, stats: { complete: 3, stoppedBy: "depth" } });
  });
});
