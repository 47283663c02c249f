/**
 * The Timeline: Ref values by hand, nesting and attribution, recorded choices, every corpus
 * trace, and random sequences (core: the recording agrees with the spec world; system: the Ref
 * column agrees with properties/system/ref-column.ts on an independent replay).
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { SpecCore } from "../../spec/spec-core.js";
import { System } from "../../hw-model/system/system.js";
import type { SystemCommand } from "../../hw-model/system/commands.js";
import { abstractCommandArb } from "../../properties/core/arbitrary.js";
import { replayAbstract } from "../../properties/core/suite.js";
import type { AbstractSystemCommand } from "../../properties/system/resolve.js";
import { resolveSystem, SYSTEM_WEIGHTS } from "../../properties/system/resolve.js";
import { withRefColumn } from "../../properties/system/ref-column.js";
import { driversNamed } from "../implementations.js";
import type { SystemTrace } from "../trace.js";
import { buildTimeline } from "./timeline.js";
import type { Timeline, TimelineRow } from "./types.js";
import { corpus, CORPUS, coreTrace, NESTED_TRACE, REF_TRACE } from "./fixtures.js";
import type { Command } from "../../api/commands.js";
import { createImplCore } from "../../impl/index.js";
import { coreTrace as recordTrace } from "../record.js";

const row = (t: Timeline, label: string): TimelineRow => {
  const r = t.rows.find((x) => x.label === label);
  if (r === undefined) throw new Error(`no row ${label} in ${t.rows.map((x) => x.label).join(" ")}`);
  return r;
};

describe("core traces", () => {
  it("alloc_set, alloc, get, free, put: Ref -, 1, 2, 1 (FREE_PENDING), 0", () => {
    const t = buildTimeline(REF_TRACE);
    expect(t.rows.map((r) => r.label)).toEqual(["1", "2", "3", "4", "5"]);
    expect(t.rows.map((r) => r.refText)).toEqual(["", "1", "2", "1 (FREE_PENDING)", "0"]);
    expect(t.rows.map((r) => r.column)).toEqual(["VFIO", "VFIO", "VFIO", "VFIO", "VFIO"]);
    expect(row(t, "2").text).toBe("alloc(set 1) -> 1");
    expect(row(t, "4").effect).toBe("ID 1 FREE_PENDING");
    expect(row(t, "5").effect).toBe("ID 1 reclaimed");
    expect(t.steps.map((s) => s.refAfter?.refs ?? null)).toEqual([null, 1, 2, 1, 0]);
    expect(t.rows.some((r) => r.diverging)).toBe(false);
    expect(t.violation).toBeNull();
  });

  it("nested deliveries, handler calls and work become numbered sub-steps in their notifier's column", () => {
    const t = buildTimeline(NESTED_TRACE);
    expect(row(t, "1").column).toBe("KVM");
    expect(row(t, "2").column).toBe("VDCM");
    expect(row(t, "5")).toMatchObject({ column: "IOMMU", text: "notify(set 1, 1, BIND)", kind: "command" });
    expect(row(t, "5.1")).toMatchObject({ column: "KVM", kind: "delivery", text: "<- BIND 1", from: "IOASID core", to: "KVM", refText: "1" });
    expect(row(t, "5.2")).toMatchObject({ column: "KVM", kind: "call", text: "get_locked(1) ok", refText: "2", depth: 2 });
    expect(row(t, "5.3")).toMatchObject({ column: "VDCM", kind: "delivery", text: "<- BIND 1", refText: "2" });
    expect(row(t, "5.4")).toMatchObject({ column: "IOMMU", kind: "return", text: "notify returned ok", effect: "" });
    expect(row(t, "6")).toMatchObject({ column: "VFIO", text: "free(set 1, 1)", effect: "ID 1 FREE_PENDING", refText: "2 (FREE_PENDING)" });
    expect(t.rows.filter((r) => r.step === 6 && r.kind === "delivery").map((r) => r.column)).toEqual(["KVM", "VDCM"]);
    expect(t.rows.filter((r) => r.step === 6).at(-1)).toMatchObject({ kind: "return", text: "free returned ok", refText: "1 (FREE_PENDING)" });
    expect(row(t, "7")).toMatchObject({ column: "VDCM", kind: "command", text: "run work of vdcm1: put" });
    expect(row(t, "7.1")).toMatchObject({ column: "VDCM", text: "put(1) ok", refText: "0", effect: "ID 1 reclaimed" });
    expect(t.rows.filter((r) => r.diverging).map((r) => r.label)).toEqual(["7", "7.1"]);
    expect(t.violation?.at).toBe("7");
  });

  it("the IDs deferred work allocated on the recording core are the IDs shown (D31), and later steps naming them work", () => {
    const reaction = { on: ["ALLOC"] as const, now: [] as const, later: ["alloc"] as const };
    const commands: readonly Command[] = [
      { op: "alloc_set", token: { type: "null", value: 0 }, quota: 4 },
      { op: "register_notifier", set: 1, name: "kvm", priority: "CPU", reaction: { on: [...reaction.on], now: [], later: [...reaction.later] } },
      { op: "alloc", set: 1, min: 1, max: 8, data: null },
      { op: "free", set: 1, id: 1 },
      { op: "run_work" },
      { op: "free", set: 1, id: 2 },
    ];
    // The cyclic policy hands out 2 after 1 was reclaimed; the spec's canonical choice is 1.
    const recorded = recordTrace({ implementation: "cyclic", seed: null, path: null, expect: "pass", note: "" }, 24, commands,
      (c) => createImplCore({ capacity: c.capacity, policy: "cyclic" }));
    expect(recorded.violation).toBeNull();
    expect(recorded.workValues?.[4]).toEqual([2]);
    const t = buildTimeline(recorded);
    expect(row(t, "5.1")).toMatchObject({ column: "KVM", kind: "call", text: "alloc(set 1)", effect: "ID 2 allocated in set 1" });
    expect(row(t, "5.3")).toMatchObject({ column: "KVM", kind: "return", text: "alloc returned -> 2" });
    expect(row(t, "6")).toMatchObject({ text: "free(set 1, 2)", effect: "ID 2 FREE_PENDING" });
    expect(row(t, "6.2")).toMatchObject({ kind: "return", text: "free returned ok", effect: "ID 2 reclaimed" });
    expect(t.rows.some((r) => r.diverging)).toBe(false);
  });

  it("a notifier with another name gets its own column", () => {
    const t = buildTimeline(coreTrace([
      { op: "register_notifier", set: null, name: "watcher", priority: "LAST", reaction: { on: [], now: [], later: [] } },
      { op: "alloc_set", token: { type: "null", value: 0 }, quota: 1 },
      { op: "alloc", set: 1, min: 1, max: 4, data: null },
      { op: "free", set: 1, id: 1 },
    ]));
    expect(t.columns).toEqual(["VFIO", "IOMMU", "KVM", "VDCM", "guest", "process", "watcher", "IOASID core", "Ref"]);
    expect(row(t, "4.1")).toMatchObject({ column: "watcher", text: "<- FREE 1" });
  });

  it("alloc takes the recorded number when the spec accepts it, and renames it when not", () => {
    const taken = buildTimeline(coreTrace([
      { op: "alloc_set", token: { type: "null", value: 0 }, quota: 4 },
      { op: "alloc", set: 1, min: 1, max: 0xfffff, data: null },
      { op: "get", set: 1, id: 7 },
    ], [1, 7, null]));
    expect(row(taken, "2").text).toBe("alloc(set 1) -> 7");
    expect(row(taken, "3").refText).toBe("2");
    const renamed = buildTimeline(coreTrace([
      { op: "alloc_set", token: { type: "null", value: 0 }, quota: 4 },
      { op: "alloc", set: 1, min: 1, max: 3, data: null },
      { op: "get", set: 1, id: 9 },
    ], [1, 9, null]));
    expect(row(renamed, "2").text).toBe("alloc(set 1, 1..3) -> 1");
    expect(row(renamed, "3").text).toBe("get(set 1, 1) ok");
  });

  it("random core sequences: the recording agrees with the spec world at every step", () => {
    fc.assert(fc.property(fc.array(abstractCommandArb, { maxLength: 40 }), (abs) => {
      const { commands } = replayAbstract((c) => new SpecCore(c), abs);
      const t = buildTimeline(coreTrace(commands));
      expect(t.rows.filter((r) => r.sub === null)).toHaveLength(commands.length);
    }), { numRuns: 150, seed: 4242 });
  });
});

describe("system traces", () => {
  it("kvm-keeps-refs: the driver calls are in their actors' columns, and the leak is the teardown row", () => {
    const t = buildTimeline(corpus("system-kvm-keeps-refs"));
    expect(row(t, "1")).toMatchObject({ column: "VFIO", text: "create vm1 -> set 1" });
    expect(row(t, "1.1")).toMatchObject({ column: "KVM", text: "register_notifier_mm(mm 101, CPU) ok" });
    expect(row(t, "1.2")).toMatchObject({ column: "VFIO", text: "alloc_set(mm 101, quota 4) -> 1" });
    expect(row(t, "1.3")).toMatchObject({ column: "VDCM", text: "register_notifier(set 1, DEVICE) ok" });
    expect(row(t, "3")).toMatchObject({ column: "VFIO", from: "guest", to: "VFIO", text: "bind_gpasid(gpasid 1, assigned, guest-mm 1) ok" });
    expect(row(t, "3.1")).toMatchObject({ column: "IOMMU", text: "get(set 1, 1) ok", refText: "2" });
    expect(row(t, "3.3")).toMatchObject({ column: "KVM", text: "<- BIND 1 (gpasid 1)" });
    expect(row(t, "3.4")).toMatchObject({ column: "KVM", text: "get_locked(1) ok", refText: "3" });
    expect(row(t, "5")).toMatchObject({ column: "guest", to: "IOMMU" });
    const last = t.rows.at(-1);
    expect(row(t, "teardown")).toMatchObject({ kind: "teardown", diverging: true });
    expect(last?.label.startsWith("teardown.")).toBe(true);
    expect(t.steps.at(-1)?.refAfter).toEqual({ refs: 1, state: "FREE_PENDING" });
    expect(t.violation?.at).toBe("teardown");
  });

  it("the process and the IOMMU driver share a native open; the VDCM translates with find_by_spid", () => {
    const p = buildTimeline(corpus("system-iommu-skips-tlb-flush"));
    expect(row(p, "1")).toMatchObject({ column: "process", text: "open -> pasid 1" });
    expect(row(p, "1.2")).toMatchObject({ column: "process", text: "alloc(set 1) -> 1" });
    expect(row(p, "1.3")).toMatchObject({ column: "IOMMU", text: "get(set 1, 1) ok" });
    expect(row(p, "2")).toMatchObject({ column: "process", text: "DMA wq5 (PASID 1) -> host-mm202", refText: "2" });
    const v = buildTimeline(corpus("system-vdcm-release-before-clear"));
    expect(row(v, "3.1")).toMatchObject({ column: "VDCM", text: "find_by_spid(set 1, spid 1) -> 1", refText: "2" });
    expect(row(v, "5")).toMatchObject({ column: "VDCM", text: "run_work: vdcm1-release wq1", diverging: true });
    expect(row(v, "5.1")).toMatchObject({ column: "VDCM", effect: "ID 1 reclaimed", refText: "0", diverging: true });
  });

  it("two VMs: rows of one column from two instances are prefixed with the instance", () => {
    const commands: SystemCommand[] = [{ op: "vm_create", vm: 1 }, { op: "vm_create", vm: 2 }, { op: "vcmd_alloc", vm: 2 }];
    const t = buildTimeline({ format: "ioasid-check-trace", version: 2, suite: "system", implementation: "impl", seed: null, path: null, commands, values: [null, null, null], violation: null, expect: "pass", note: "" });
    expect(row(t, "1.1")).toMatchObject({ column: "KVM", instance: "kvm1", text: "kvm1: register_notifier_mm(mm 101, CPU) ok" });
    expect(row(t, "2.1")).toMatchObject({ column: "KVM", instance: "kvm2", text: "kvm2: register_notifier_mm(mm 102, CPU) ok" });
    expect(row(t, "3")).toMatchObject({ column: "VFIO", from: "guest", text: "vmm2: vcmd_alloc -> gpasid 1" });
    expect(row(t, "3.1")).toMatchObject({ column: "VFIO", text: "vmm2: alloc(set 2)", refText: "1" });
  });

  it("random system sequences: every reference-moving call's Ref is what ref-column.ts records", () => {
    const kinds = Object.keys(SYSTEM_WEIGHTS).filter((k): k is SystemCommand["op"] => Object.hasOwn(SYSTEM_WEIGHTS, k));
    const seed = fc.nat({ max: 1 << 16 });
    const absArb: fc.Arbitrary<AbstractSystemCommand> = fc.oneof(...kinds.map((op) => ({
      weight: SYSTEM_WEIGHTS[op],
      arbitrary: fc.tuple(seed, seed, seed).map((seeds) => ({ op, seeds })),
    })));
    let checked = 0;
    let nested = 0;
    const moving = /^(?:\w+: )?(?:alloc|free|get|get_locked|put|put_locked|find_by_spid)(?:\(.*\)| returned)( ok| -> \S+)$/;
    fc.assert(fc.property(fc.array(absArb, { minLength: 10, maxLength: 40 }), (abs) => {
      const drivers = driversNamed("impl");
      if (typeof drivers === "string") throw new Error(drivers);
      const ref = withRefColumn(new SpecCore());
      const sys = new System(ref.core, drivers);
      const commands: SystemCommand[] = [];
      for (const a of abs) {
        const c = resolveSystem(sys, a);
        if (c === null) continue;
        commands.push(c);
        sys.apply(c);
      }
      const trace: SystemTrace = { format: "ioasid-check-trace", version: 2, suite: "system", implementation: "impl", seed: null, path: null, commands, values: commands.map(() => null), violation: null, expect: "pass", note: "" };
      const t = buildTimeline(trace);
      expect(t.rows.filter((r) => r.sub === null)).toHaveLength(commands.length);
      const column = t.rows.filter((r) => r.kind !== "command" || r.sub !== null).filter((r) => moving.test(r.text)).map((r) => r.ref?.refs ?? -1);
      expect(column).toEqual(ref.column);
      checked += column.length;
      nested += t.rows.filter((r) => r.kind === "delivery").length;
    }), { numRuns: 120, seed: 777 });
    expect(checked).toBeGreaterThan(200);
    expect(nested).toBeGreaterThan(100);
  });
});

describe("every corpus trace", () => {
  it.each(CORPUS.map((s) => [s] as const))("%s: one row per step, the violation on its step", (stem) => {
    const trace = corpus(stem);
    const t = buildTimeline(trace);
    const own = t.rows.filter((r) => r.sub === null && r.kind !== "teardown");
    expect(own.map((r) => r.step)).toEqual(trace.commands.map((_, i) => i + 1));
    const v = trace.violation;
    expect(v).not.toBeNull();
    if (v === null) return;
    const diverging = t.rows.filter((r) => r.diverging);
    expect(diverging.length).toBeGreaterThan(0);
    expect(new Set(diverging.map((r) => r.step))).toEqual(new Set([v.step + 1]));
    expect(t.rows.some((r) => r.kind === "teardown")).toBe(v.step === trace.commands.length);
    expect(t.violation).toMatchObject({ kind: v.kind, detail: v.detail });
  });
});
