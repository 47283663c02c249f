/**
 * The optional introspection over the exec protocol: a process that advertises it at `ready`
 * answers it through `inspect` replies (the Python core, checked against known states), a
 * process that does not leaves the methods out (the suite reports them as not checked), and a
 * reply of the wrong shape stops the core like any other protocol violation.
 */
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { uncheckedParts } from "../../properties/core/abstraction.js";
import { createExecCore } from "./index.js";
import { FakeImpls, PRELUDE } from "./fake-impl.js";

const PYTHON_CORE = fileURLToPath(new URL("../../examples/python-core/ioasid_core.py", import.meta.url));
const fakes = new FakeImpls();
afterAll(() => fakes.remove());

/** A fake that advertises `features` and answers every call with `inspect: answer`. */
const inspecting = (name: string, features: readonly string[], answer: unknown): string =>
  fakes.file(`${name}.cjs`, `${PRELUDE.replace('out({ type: "ready", version: 1 })', `out({ type: "ready", version: 1, features: ${JSON.stringify(features)} })`)}
function behave(m) { out({ type: "reply", seq: m.seq, inspect: ${JSON.stringify(answer)} }); }
`);

describe("introspection over the exec protocol", () => {
  it("the Python core advertises all four methods and answers them from its state", () => {
    const py = createExecCore("python3", [PYTHON_CORE], { timeoutMs: 5000, config: { capacity: 24 } });
    try {
      expect(uncheckedParts(py)).toEqual([]);
      expect(py.capacityLeft?.()).toBe(24);
      expect(py.inspectSet?.(1)).toBeNull();
      expect(py.allocSet({ type: "mm", mm: 7 }, 4)).toEqual({ ok: true, value: 1 });
      expect(py.registerNotifierMm(9, { name: "kvm", priority: "CPU", handler: () => {} }).ok).toBe(true);
      expect(py.registerNotifierMm(7, { name: "sva", priority: "IOMMU", handler: () => {} }).ok).toBe(true);
      expect(py.registerNotifier(null, { name: "iommu", priority: "IOMMU", handler: () => {} }).ok).toBe(true);
      const ops = { name: "vcmd", alloc: () => 5, free: () => {} };
      expect(py.inspectAllocator?.("vcmd")).toBeNull();
      expect(py.registerAllocator(ops).ok).toBe(true);
      expect(py.registerAllocator({ ...ops, name: "vcmd-b" }).ok).toBe(true);
      expect(py.alloc(1, 1, 8, null)).toEqual({ ok: true, value: 5 });
      expect(py.capacityLeft?.()).toBe(20);
      expect(py.inspectSet?.(1)).toEqual({ quota: 4, held: 1, dying: false, kind: "mm", token: 7, refs: 1 });
      expect(py.inspectNotifier?.("kvm")).toEqual({ where: "pending", set: null, mm: 9 });
      expect(py.inspectNotifier?.("sva")).toEqual({ where: "set", set: 1, mm: 7 });
      expect(py.inspectNotifier?.("iommu")).toEqual({ where: "global", set: null, mm: null });
      expect(py.inspectNotifier?.("none")).toBeNull();
      expect(py.inspectAllocator?.("vcmd-b")).toEqual({ active: true, outstanding: 1 });
      expect(py.get(1, 5).ok).toBe(true); // keeps ID 5 FREE_PENDING, so the set stays dying
      expect(py.setPut(1).ok).toBe(true);
      expect(py.inspectSet?.(1)).toEqual({ quota: 4, held: 1, dying: true, kind: "mm", token: 7, refs: 0 });
      expect(py.capacityLeft?.()).toBe(20);
      expect(py.inspectSet?.(Number.NaN)).toBeNull();
    } finally {
      py.close();
    }
  });

  it("a process that advertises nothing has none of the methods: every part, and fault injection, is reported not checked", () => {
    const core = createExecCore(process.execPath, [fakes.script("echoArgs")], { timeoutMs: 2000, config: { capacity: 24 } });
    try {
      expect(uncheckedParts(core)).toEqual(["inspectSet", "capacityLeft", "inspectNotifier", "inspectAllocator", "failNth"]);
      expect("inspectSet" in core).toBe(false);
      expect(core.failNth).toBeUndefined();
    } finally {
      core.close();
    }
  });

  it("only the advertised methods exist; unknown feature names are ignored", () => {
    const core = createExecCore(process.execPath, [inspecting("capacity-only", ["capacityLeft", "failNth", "inspectEverything"], 11)], { timeoutMs: 2000, config: { capacity: 24 } });
    try {
      expect(uncheckedParts(core)).toEqual(["inspectSet", "inspectNotifier", "inspectAllocator"]);
      expect(core.capacityLeft?.()).toBe(11);
    } finally {
      core.close();
    }
  });

  it.each([
    ["a notifier view where a set view is due", "inspectSet", { where: "global", set: null, mm: null }, /does not carry a set view or null/],
    ["null where the capacity is due", "capacityLeft", null, /does not carry a number/],
    ["a set view where an allocator view is due", "inspectAllocator", { quota: 1, held: 0, dying: false, kind: "null", token: 0, refs: 1 }, /does not carry an allocator view or null/],
  ] as const)("a reply of the wrong shape stops the core: %s", (_what, method, answer, complaint) => {
    const core = createExecCore(process.execPath, [inspecting(`bad-${method}`, [method], answer)], { timeoutMs: 2000, config: { capacity: 24 } });
    try {
      const ask = (): unknown => (method === "inspectSet" ? core.inspectSet?.(1) : method === "capacityLeft" ? core.capacityLeft?.() : core.inspectAllocator?.("vcmd"));
      expect(ask).toThrow(complaint);
      expect(ask).toThrow(/core is stopped/);
      expect(() => core.get(1, 1)).toThrow(/core is stopped/);
    } finally {
      core.close();
    }
  });
});
