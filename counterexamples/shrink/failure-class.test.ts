/**
 * Failure classes: what a failing replay is classed by, for core outcomes, abstraction checks
 * and system properties, and that a class survives renaming but not a slide to another bug.
 */
import { describe, expect, it } from "vitest";
import type { Outcome, TraceEvent } from "../../api/outcome.js";
import type { CallResult } from "../../api/result.js";
import { err, ok as okResult } from "../../api/result.js";
import type { ReplayResult } from "../replay.js";
import { coreTrace } from "../record.js";
import { replayTrace } from "../replay.js";
import { classText, failureClassOf, gist, outcomeDifference, stateDifference, systemSubject } from "./failure-class.js";

const ok: Outcome = { result: { ok: true, value: null }, events: [] };
const deliver = (event: "ALLOC" | "FREE" | "BIND" | "UNBIND", notifier = "a", id = 1) =>
  ({ kind: "deliver", delivery: { event, id, spid: null, set: 1, notifier } }) as const;

describe("the differing part of two outcomes", () => {
  it("names a result that differs, by errno or by value", () => {
    expect(outcomeDifference({ ...ok, result: { ok: false, errno: "ENOENT" } }, ok)).toBe("result: expected ENOENT, got ok");
    expect(outcomeDifference({ ...ok, result: { ok: true, value: 1 } }, { ...ok, result: { ok: true, value: 2 } })).toBe("result: value differs");
  });

  it("names the first differing event: missing, extra, misdirected, or a call with another result", () => {
    expect(outcomeDifference({ ...ok, events: [deliver("FREE")] }, ok)).toBe("events: missing deliver FREE");
    expect(outcomeDifference(ok, { ...ok, events: [deliver("BIND")] })).toBe("events: extra deliver BIND");
    expect(outcomeDifference({ ...ok, events: [deliver("FREE", "a"), deliver("FREE", "b")] }, { ...ok, events: [deliver("FREE", "b"), deliver("FREE", "a")] }))
      .toBe("events: deliver FREE differs in notifier");
    const call = (result: CallResult): TraceEvent => ({ kind: "call", notifier: "a", context: "handler", call: "put_locked", id: 1, result });
    expect(outcomeDifference({ ...ok, events: [call(err("EINVAL"))] }, { ...ok, events: [call(okResult(null))] })).toBe("events: handler put_locked: expected EINVAL, got ok");
  });
});

describe("the subject of a check", () => {
  it("reads the abstraction check's detail, whatever the numbers", () => {
    expect(stateDifference('ID 3: spec has {"state":"FREE_PENDING","refs":2}, the core has {"state":"FREE_PENDING","refs":1}')).toBe("ID: refs differs");
    expect(stateDifference('ID 3: spec has {"refs":1}, the core has null')).toBe("ID: missing in the core");
    expect(stateDifference("something else 42 (x)")).toBe("something else #");
  });

  it("reads the system properties' details", () => {
    expect(systemSubject("refcount", "refcount: PASID 3: the core counts 2, the actors hold 1 (kvm1 1)")).toBe("core counts more");
    expect(systemSubject("leak", 'leak: PASID 1 still live: {"refs":1}; the capacity is not free again (alloc_set: ENOSPC)')).toBe("PASID # still live");
    expect(systemSubject("naming", "naming: DSA wq-config on wq2 names PASID 7, which is not live (reclaimed or never allocated)")).toBe("DSA wq-config on wq# names a PASID that is not live");
    expect(systemSubject("vmcs", "vmcs: vm1: the VMCS table maps [], the bound GPASIDs are [[1,1]]")).toBe("maps fewer");
    expect(systemSubject("landing", "landing: DMA with PASID 2 landed in vm2/guest-mm1 (via iotlb); the issuer owns vm1")).toBe("lands in vm#/guest-mm# via iotlb");
    expect(gist("work still pending: vdcm1 clear")).toBe("work still pending");
  });
});

describe("failureClassOf", () => {
  const fail = (r: Partial<ReplayResult>): ReplayResult => ({ status: "fail", step: 3, kind: "outcome", detail: "", values: [], suite: "core", op: "get", ...r });

  it("pins a core failure to its command kind and differing part", () => {
    const cls = failureClassOf(fail({ expected: { ...ok, result: { ok: false, errno: "ENOENT" } }, actual: ok }));
    expect(cls === null ? null : classText(cls)).toBe("outcome at get: result: expected ENOENT, got ok");
    expect(failureClassOf(fail({ kind: "crash", detail: "boom 12" }))).toEqual({ kind: "crash", at: "get", part: "" });
  });

  it("classes a system failure by its property and subject only", () => {
    const cls = failureClassOf(fail({ kind: "leak", suite: "system", op: "teardown", detail: "leak: kvm1 still holds [[1,1]]" }));
    expect(cls === null ? null : classText(cls)).toBe("leak: kvm# still holds");
  });

  it("tells apart two bugs of the same kind that the kind alone would merge", () => {
    // Two "outcome" failures with the same errno pair, at different command kinds.
    const a = replayTrace(coreTrace({ implementation: "mutant:get-on-free-pending", seed: null, path: null, expect: "fail", note: "" }, 24, [
      { op: "alloc_set", token: { type: "null", value: 0 }, quota: 4 },
      { op: "alloc", set: 1, min: 1, max: 8, data: null },
      { op: "get", set: 1, id: 1 },
      { op: "free", set: 1, id: 1 },
      { op: "get", set: 1, id: 1 },
    ]));
    const b = replayTrace(coreTrace({ implementation: "mutant:spid-unscoped", seed: null, path: null, expect: "fail", note: "" }, 24, [
      { op: "alloc_set", token: { type: "null", value: 0 }, quota: 4 },
      { op: "alloc_set", token: { type: "null", value: 0 }, quota: 4 },
      { op: "alloc", set: 1, min: 1, max: 8, data: null },
      { op: "attach_spid", set: 1, id: 1, spid: 1 },
      { op: "find_by_spid", set: 2, spid: 1 },
    ]));
    expect([a.kind, b.kind]).toEqual(["outcome", "outcome"]);
    const ca = failureClassOf(a);
    const cb = failureClassOf(b);
    expect(ca === null || cb === null ? null : [classText(ca), classText(cb)])
      .toEqual(["outcome at get: result: expected ENOENT, got ok", "outcome at find_by_spid: result: expected ENOENT, got ok"]);
  });
});
