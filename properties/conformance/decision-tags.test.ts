/**
 * The decision tags of single steps, taken on the spec's own world.
 */
import { describe, expect, it } from "vitest";
import type { Command } from "../../api/commands.js";
import type { World } from "../../spec/world.js";
import { initialWorld, worldStep } from "../../spec/world.js";
import { SILENT } from "../../api/reaction.js";
import { DECISIONS } from "../../spec/decisions.js";
import { decisionsOfStep } from "./decision-tags.js";
import { ConformanceLedger, formatConformance } from "./ledger.js";

const play = (cmds: readonly Command[]): World => cmds.reduce((w, c) => worldStep(w, c).world, initialWorld({ capacity: 24 }));
const tagsAfter = (prefix: readonly Command[], c: Command) => {
  const before = play(prefix);
  const { world, outcome } = worldStep(before, c);
  return decisionsOfStep(before.core, world.core, c, outcome);
};

const SET: Command = { op: "alloc_set", token: { type: "null", value: 7 }, quota: 4 };
const ALLOC: Command = { op: "alloc", set: 1, min: 1, max: 8, data: null };
const KVM: Command = { op: "register_notifier", set: 1, name: "kvm", priority: "CPU", reaction: { on: ["FREE"], now: ["put_locked"], later: [] } };

describe("decision tags", () => {
  it("a get on a FREE_PENDING ID exercises D4", () => {
    const prefix: Command[] = [SET, ALLOC, { op: "get", set: 1, id: 1 }, { op: "free", set: 1, id: 1 }];
    expect(tagsAfter(prefix, { op: "get", set: 1, id: 1 })).toContain("D4");
    expect(tagsAfter([SET, ALLOC], { op: "get", set: 1, id: 1 })).not.toContain("D4");
  });

  it("another set's FREE_PENDING ID exercises the check order (D3)", () => {
    const other: Command = { op: "alloc_set", token: { type: "null", value: 8 }, quota: 4 };
    const prefix: Command[] = [SET, other, ALLOC, { op: "get", set: 1, id: 1 }, { op: "free", set: 1, id: 1 }];
    expect(tagsAfter(prefix, { op: "get", set: 2, id: 1 })).toEqual(expect.arrayContaining(["D3", "D4"]));
  });

  it("malformed IDs exercise D1, unknown sets D2, null sets D5", () => {
    expect(tagsAfter([SET], { op: "get", set: 1, id: 0 })).toContain("D1");
    expect(tagsAfter([SET], { op: "get", set: 9, id: 1 })).toContain("D2");
    expect(tagsAfter([SET, ALLOC], { op: "get", set: null, id: 1 })).toContain("D5");
  });

  it("a first free with a handler exercises D9, D27 and, at reclaim, D12; a second free D10", () => {
    const first = tagsAfter([SET, KVM, ALLOC, { op: "get", set: 1, id: 1 }], { op: "free", set: 1, id: 1 });
    expect(first).toEqual(expect.arrayContaining(["D9", "D27", "D12"]));
    expect(tagsAfter([SET, ALLOC, { op: "get", set: 1, id: 1 }, { op: "free", set: 1, id: 1 }], { op: "free", set: 1, id: 1 })).toContain("D10");
  });

  it("a handler looking up the ID whose FREE it is handling exercises D4; one that only puts does not", () => {
    const looks: Command = { op: "register_notifier", set: 1, name: "looks", priority: "CPU", reaction: { on: ["FREE"], now: ["get_locked"], later: [] } };
    expect(tagsAfter([SET, looks, ALLOC], { op: "free", set: 1, id: 1 })).toContain("D4");
    expect(tagsAfter([SET, KVM, ALLOC, { op: "get", set: 1, id: 1 }], { op: "free", set: 1, id: 1 })).not.toContain("D4");
  });

  it("two recipients of one event exercise the delivery order (D25)", () => {
    const vdcm: Command = { op: "register_notifier", set: 1, name: "vdcm", priority: "DEVICE", reaction: SILENT };
    expect(tagsAfter([SET, KVM, vdcm, ALLOC], { op: "free", set: 1, id: 1 })).toContain("D25");
    expect(tagsAfter([SET, KVM, ALLOC], { op: "free", set: 1, id: 1 })).not.toContain("D25");
  });

  it("tags come in table order without duplicates", () => {
    const tags = tagsAfter([SET, KVM, ALLOC], { op: "free", set: 1, id: 1 });
    expect(new Set(tags).size).toBe(tags.length);
    expect([...tags].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)))).toEqual(tags);
  });
});

describe("conformance ledger", () => {
  it("credits agreements, groups departures by class, and says which decisions depart", () => {
    const l = new ConformanceLedger();
    l.agreed(["D4", "D9"]);
    l.departed(["D4"], "outcome get: ENOENT vs EBUSY", "get returned EBUSY", "a.json");
    l.departed(["D4"], "outcome get: ENOENT vs EBUSY", "get returned EBUSY", "b.json");
    const rows = l.rows(DECISIONS.filter((d) => d.holds));
    const d4 = rows.find((r) => r.id === "D4");
    expect(d4).toMatchObject({ status: "departs", exercised: 3, agreed: 1 });
    expect(d4?.departures).toEqual([{ class: "outcome get: ENOENT vs EBUSY", detail: "get returned EBUSY", traces: ["a.json", "b.json"] }]);
    expect(rows.find((r) => r.id === "D9")?.status).toBe("agrees");
    expect(rows.find((r) => r.id === "D21")?.status).toBe("not exercised");
    expect(formatConformance(rows)).toContain("D4   get on FREE_PENDING: departs, 2 traces");
  });
});

describe("reach", () => {
  it("the core suite's generated sequences exercise every ruling that holds", async () => {
    const fc = (await import("fast-check")).default;
    const { abstractCommandArb } = await import("../core/arbitrary.js");
    const { resolve } = await import("../core/resolve.js");
    const { initialModel, advanceModel } = await import("../core/model.js");
    const seed = 20261202;
    const seen = new Set<string>();
    for (const abs of fc.sample(fc.array(abstractCommandArb, { minLength: 60, maxLength: 80 }), { numRuns: 400, seed })) {
      let m = initialModel(24);
      for (const a of abs) {
        const c = resolve(m, a);
        const { world, outcome } = worldStep(m.world, c);
        for (const t of decisionsOfStep(m.world.core, world.core, c, outcome)) seen.add(t);
        m = advanceModel(m, world, c);
      }
    }
    const unreached = DECISIONS.filter((d) => d.holds && !seen.has(d.id)).map((d) => d.id);
    expect(unreached, `seed ${seed}`).toEqual([]);
  });
});
