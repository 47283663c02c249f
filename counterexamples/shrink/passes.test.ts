/**
 * The shrink passes that go beyond deleting steps and shrinking numbers: replacing a command by
 * a simpler kind, removing a step with its dependents (or a reference with its release), telling
 * a guest's story as a native process's, and dropping a quota raise the default quota makes
 * needless — each reaching the exhaustive minimum of its class on a case where ddmin alone
 * cannot.
 */
import { describe, expect, it } from "vitest";
import type { Command } from "../../api/commands.js";
import { SILENT } from "../../api/reaction.js";
import { MAX_IOASID } from "../../api/constants.js";
import type { SystemCommand } from "../../hw-model/system/commands.js";
import { coreTrace, systemTrace } from "../record.js";
import { replayTrace } from "../replay.js";
import { shrinkTrace } from "./shrink.js";
import { dependentSteps, releasePair } from "./dependents.js";
import { kindEditGroups } from "./kind-edits.js";
import { systemKindGroups } from "./system-kinds.js";
import { systemQuotaGroups } from "./system-quota.js";
import { classText, failureClassOf } from "./failure-class.js";

const core = (implementation: string, commands: readonly Command[]) =>
  coreTrace({ implementation, seed: null, path: null, expect: "fail", note: "" }, 24, commands);

describe("replacing a command by a simpler kind", () => {
  it("turns a reference taken through an SPID into a plain get, so the SPID can go", () => {
    // The suite found this on seed 1 of reclaim-ignoring-refs: 5 steps where 4 exist.
    const t = core("mutant:reclaim-ignoring-refs", [
      { op: "alloc_set", token: { type: "null", value: 0 }, quota: 4 },
      { op: "alloc", set: 1, min: 1, max: MAX_IOASID, data: null },
      { op: "attach_spid", set: 1, id: 1, spid: 1 },
      { op: "find_by_spid", set: 1, spid: 1 },
      { op: "free", set: 1, id: 1 },
    ]);
    const r = shrinkTrace(t);
    expect(r.ok && r.trace.commands.map((c) => c.op)).toEqual(["alloc_set", "alloc", "get", "free"]);
    if (r.ok) expect(r.failureClass).toBe("state at free: ID: missing in the core");
  });

  it("turns a set_put that freed a referenced ID into a free of it, so the reference can go", () => {
    // Seed 3 of spid-survives-free: 6 steps where 5 exist.
    const r = shrinkTrace(core("mutant:spid-survives-free", [
      { op: "alloc_set", token: { type: "null", value: 0 }, quota: 1 },
      { op: "alloc", set: 1, min: 1, max: MAX_IOASID, data: null },
      { op: "attach_spid", set: 1, id: 1, spid: 1 },
      { op: "get", set: 1, id: 1 },
      { op: "set_put", set: 1 },
      { op: "find_by_spid", set: 1, spid: 1 },
    ]));
    expect(r.ok && r.trace.commands.map((c) => c.op)).toEqual(["alloc_set", "alloc", "attach_spid", "free", "find_by_spid"]);
  });

  it("turns a run_work into the call its work item made, so the event that queued it can go", () => {
    // Seed 3 of get-on-free-pending: a reference taken by deferred work on BIND; a plain get does it.
    const later = { on: ["FREE", "BIND"], now: [], later: ["get"] } as const;
    const r = shrinkTrace(core("mutant:get-on-free-pending", [
      { op: "register_notifier", set: null, name: "a", priority: "CPU", reaction: later },
      { op: "alloc_set", token: { type: "null", value: 0 }, quota: 1 },
      { op: "alloc", set: 1, min: 1, max: MAX_IOASID, data: null },
      { op: "notify", set: 1, id: 1, event: "BIND" },
      { op: "run_work" },
      { op: "free", set: 1, id: 1 },
      { op: "run_work" },
    ]));
    expect(r.ok && r.trace.commands.map((c) => c.op)).toEqual(["register_notifier", "alloc_set", "alloc", "get", "free", "run_work"]);
    if (r.ok) expect(r.failureClass).toBe("outcome at run_work: events: work get: expected ENOENT, got ok");
  });

  it("offers an mm registration on the set of that mm, and on the global chain", () => {
    const cmds: readonly Command[] = [
      { op: "alloc_set", token: { type: "mm", mm: 3 }, quota: 4 },
      { op: "register_notifier_mm", mm: 3, name: "kvm", priority: "CPU", reaction: SILENT },
    ];
    const tries = kindEditGroups(cmds, [5, null]).flat().flatMap((f) => { const out = f(cmds, [5, null]); return out === null ? [] : [out]; });
    expect(tries).toContainEqual([cmds[0], { op: "register_notifier", set: 5, name: "kvm", priority: "CPU", reaction: SILENT }]);
    expect(tries).toContainEqual([cmds[0], { op: "register_notifier", set: null, name: "kvm", priority: "CPU", reaction: SILENT }]);
    expect(tries).toContainEqual([{ op: "alloc_set", token: { type: "null", value: 0 }, quota: 4 }, cmds[1]]);
  });
});

describe("removing a step with its dependents", () => {
  it("takes a set's creation with every command naming the set or its IDs, and a registration with its unregistration", () => {
    const t = core("impl", [
      { op: "alloc_set", token: { type: "null", value: 0 }, quota: 4 },
      { op: "register_notifier", set: null, name: "a", priority: "CPU", reaction: SILENT },
      { op: "alloc", set: 1, min: 1, max: 8, data: null },
      { op: "get", set: null, id: 1 },
      { op: "unregister_notifier", set: null, name: "a" },
      { op: "alloc_set", token: { type: "null", value: 0 }, quota: 4 },
    ]);
    expect(dependentSteps(t, 0)).toEqual([0, 2, 3]);
    expect(dependentSteps(t, 1)).toEqual([1, 4]);
    expect(dependentSteps(t, 5)).toEqual([5]);
  });

  it("takes a reference and its release as a pair, which one-step deletion cannot remove", () => {
    // A random seed of the self-test found unbind-after-free in 9 steps where 5 exist: each
    // set_get / set_put alone moves the set's death, so delta debugging kept both pairs.
    const t = core("mutant:unbind-after-free", [
      { op: "alloc_set", token: { type: "null", value: 0 }, quota: 4 },
      { op: "set_get", set: 1 }, { op: "set_get", set: 1 }, { op: "set_put", set: 1 },
      { op: "register_notifier", set: null, name: "kvm", priority: "CPU", reaction: SILENT },
      { op: "set_put", set: 1 },
      { op: "alloc", set: 1, min: 1, max: MAX_IOASID, data: null },
      { op: "notify", set: 1, id: 1, event: "BIND" },
      { op: "set_put", set: 1 },
    ]);
    expect(releasePair(t, 1)).toEqual([1, 3]);
    expect(releasePair(t, 2)).toEqual([2, 3]);
    expect(releasePair(t, 3)).toBeNull();
    const r = shrinkTrace(t);
    expect(r.ok && r.trace.commands.map((c) => c.op)).toEqual(["alloc_set", "register_notifier", "alloc", "notify", "set_put"]);
  });
});

describe("telling a guest's story as a native process's", () => {
  const guest: readonly SystemCommand[] = [
    { op: "vm_create", vm: 1 },
    { op: "vcmd_alloc", vm: 1 },
    { op: "bind", vm: 1, gpasid: 1, device: "dsa", guestMm: 1 },
    { op: "enqcmd", vm: 1, gpasid: 1 },
  ];

  it("translates the VM's binds and DMA into a process's and drops the rest", () => {
    const [group] = systemKindGroups(guest);
    const first = group?.[0];
    expect(first?.(guest, guest.map(() => null))).toEqual([{ op: "proc_open", proc: 1 }, { op: "proc_dma", proc: 1 }]);
  });

  it("shrinks a 4-step guest leak of a skipped IOTLB flush to the 2-step native one, same class", () => {
    // Seeds 3 and 4 of iommu-skips-tlb-flush gave this trace; the exhaustive minimum of its class is 2.
    const t = systemTrace({ implementation: "impl/drivers:iommu-skips-tlb-flush", seed: null, path: null, expect: "fail", note: "" }, guest);
    const before = failureClassOf(replayTrace(t));
    const r = shrinkTrace(t);
    expect(r.ok && r.trace.commands).toEqual([{ op: "proc_open", proc: 1 }, { op: "proc_dma", proc: 1 }]);
    if (r.ok && before !== null) expect(r.failureClass).toBe(classText(before));
  });
});

describe("dropping a quota raise the default quota makes needless", () => {
  // Seeds 20261121 and 2 of vmm-keeps-refused-quota gave this trace; the minimum of its class is 5.
  const raised: readonly SystemCommand[] = [
    { op: "vm_create", vm: 1, quota: 1 },
    { op: "adjust_quota", vm: 1, quota: 1048574 },
    { op: "vcmd_alloc", vm: 1 },
    { op: "vcmd_alloc", vm: 1 },
    { op: "adjust_quota", vm: 1, quota: 1 },
    { op: "vcmd_alloc", vm: 1 },
  ];

  it("offers each other step removed with the vm_create asking for the default quota", () => {
    const [group] = systemQuotaGroups(raised);
    expect(group).toHaveLength(5);
    expect(group?.[0]?.(raised, raised.map(() => null))).toEqual([{ op: "vm_create", vm: 1 }, ...raised.slice(2)]);
    expect(systemQuotaGroups(raised.slice(1))).toEqual([]);
  });

  it("shrinks the 6-step trace to 5 steps of the same class", () => {
    const t = systemTrace({ implementation: "impl/drivers:vmm-keeps-refused-quota", seed: null, path: null, expect: "fail", note: "" }, raised);
    const before = failureClassOf(replayTrace(t));
    const r = shrinkTrace(t);
    expect(r.ok && r.trace.commands.length).toBe(5);
    expect(r.ok && r.trace.commands.some((c) => c.op === "adjust_quota" && c.quota > 1)).toBe(false);
    if (r.ok && before !== null) expect(r.failureClass).toBe(classText(before));
  });
});
