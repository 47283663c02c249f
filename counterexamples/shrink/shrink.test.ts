/**
 * The shrinker on hand-written and stored traces: ddmin finds the relevant steps among padding,
 * renumbering makes caller-chosen numbers small, shrinkTrace keeps the failure class and refuses
 * a trace that does not fail.
 */
import { describe, expect, it } from "vitest";
import type { Command } from "../../api/commands.js";
import { SILENT } from "../../api/reaction.js";
import { MAX_IOASID } from "../../api/constants.js";
import { coreTrace } from "../record.js";
import { replayTrace } from "../replay.js";
import { readTrace } from "../store.js";
import type { CoreTrace, Trace } from "../trace.js";
import { Oracle } from "./oracle.js";
import { ddminTrace } from "./ddmin.js";
import { renumberTrace } from "./renumber.js";
import { materialize } from "./materialize.js";
import { shrinkTrace } from "./shrink.js";
import { withSteps } from "./steps.js";
import type { FailureClass } from "./failure-class.js";
import { failureClassOf } from "./failure-class.js";

const recorded = (implementation: string, commands: readonly Command[]): CoreTrace =>
  coreTrace({ implementation, seed: null, path: null, expect: "fail", note: "hand-written" }, 24, commands);

/** The 4 relevant steps of reclaim-ignoring-refs (alloc_set, alloc, get, free) inside 10 irrelevant ones. */
const PADDED: readonly Command[] = [
  { op: "for_each_ioasid", set: 7 },
  { op: "register_notifier", set: null, name: "watch", priority: "LAST", reaction: SILENT },
  { op: "alloc_set", token: { type: "null", value: 0 }, quota: 4 },
  { op: "find_by_spid", set: 1, spid: 5 },
  { op: "alloc", set: 1, min: 1, max: MAX_IOASID, data: null },
  { op: "attach_data", set: 1, id: 1, data: "x" },
  { op: "alloc_set", token: { type: "mm", mm: 3 }, quota: 2 },
  { op: "get", set: 1, id: 1 },
  { op: "run_work" },
  { op: "find", set: 1, id: 1, getter: "none" },
  { op: "free", set: 1, id: 1 },
  { op: "put", set: 1, id: 9 },
  { op: "set_get", set: 2 },
  { op: "unregister_notifier", set: null, name: "watch" },
];

/** The failure class of a trace's replay (it must fail). */
const classOf = (t: Trace): FailureClass => {
  const c = failureClassOf(replayTrace(t));
  if (c === null) throw new Error("the trace does not fail");
  return c;
};

const kindOf = (t: Trace): string => {
  const r = replayTrace(t);
  return r.status === "fail" ? r.kind : "pass";
};

describe("ddminTrace", () => {
  it("keeps only the relevant steps of a padded failure, and the result is 1-minimal", () => {
    const t = recorded("mutant:reclaim-ignoring-refs", PADDED);
    expect(t.violation).toMatchObject({ step: 10, kind: "state" });
    const oracle = new Oracle(classOf(t));
    const out = ddminTrace(t, oracle);
    expect(out.commands.length).toBeLessThanOrEqual(4);
    expect(out.commands.map((c) => c.op)).toEqual(["alloc_set", "alloc", "get", "free"]);
    expect(kindOf(out)).toBe("state");
    for (let k = 0; k < out.commands.length; k++) {
      expect(kindOf(withSteps(out, out.commands.map((_, i) => i).filter((i) => i !== k)))).not.toBe("state");
    }
    expect(oracle.replays).toBeLessThan(120);
  });

  it("follows renamed handles when an earlier set disappears, and materializes the result", () => {
    // The failing set is the second one (handle 2); once the first alloc_set is dropped it comes
    // back as handle 1, and the replay renames 2 to 1 in every later command.
    const t = recorded("mutant:reclaim-ignoring-refs", [
      { op: "alloc_set", token: { type: "mm", mm: 3 }, quota: 2 },
      { op: "alloc_set", token: { type: "null", value: 0 }, quota: 4 },
      { op: "alloc", set: 2, min: 1, max: MAX_IOASID, data: null },
      { op: "get", set: 2, id: 1 },
      { op: "put", set: 1, id: 1 },
      { op: "free", set: 2, id: 1 },
    ]);
    expect(t.violation?.kind).toBe("state");
    const out = ddminTrace(t, new Oracle(classOf(t)));
    expect(out.commands).toEqual([
      { op: "alloc_set", token: { type: "null", value: 0 }, quota: 4 },
      { op: "alloc", set: 1, min: 1, max: MAX_IOASID, data: null },
      { op: "get", set: 1, id: 1 },
      { op: "free", set: 1, id: 1 },
    ]);
    expect(out.values).toEqual([1, 1, null, null]);
  });
});

describe("renumberTrace", () => {
  it("turns SPID 0x7777 and mm 9999 into small values, keeping the class", () => {
    const t = recorded("mutant:spid-unscoped", [
      { op: "alloc_set", token: { type: "null", value: 0 }, quota: 4 },
      { op: "alloc_set", token: { type: "mm", mm: 9999 }, quota: 4 },
      { op: "alloc", set: 1, min: 1, max: MAX_IOASID, data: null },
      { op: "attach_spid", set: 1, id: 1, spid: 0x7777 },
      { op: "find_by_spid", set: 2, spid: 0x7777 },
    ]);
    expect(t.violation?.kind).toBe("outcome");
    const out = renumberTrace(materialize(t, replayTrace(t)), new Oracle(classOf(t)));
    expect(out.suite).toBe("core");
    const numbers = JSON.stringify(out.commands);
    expect(numbers).not.toContain("30583");
    expect(numbers).not.toContain("9999");
    expect(out.commands[1]).toMatchObject({ op: "alloc_set", token: { type: "mm", mm: 1 } });
    expect(out.commands[3]).toMatchObject({ op: "attach_spid", spid: 1 });
    expect(out.commands[4]).toMatchObject({ op: "find_by_spid", spid: 1 });
    expect(kindOf(out)).toBe("outcome");
  });

  it("renames a stale ID toward the smallest value and system numbers toward the generator's floor", () => {
    const core = recorded("mutant:get-on-free-pending", [
      { op: "alloc_set", token: { type: "null", value: 2 }, quota: 6 },
      { op: "alloc", set: 1, min: 5, max: 5, data: "d3" },
      { op: "get", set: 1, id: 5 },
      { op: "put", set: 1, id: 77 },
      { op: "free", set: 1, id: 5 },
      { op: "get", set: 1, id: 5 },
    ]);
    expect(core.violation?.kind).toBe("outcome");
    const out = renumberTrace(materialize(core, replayTrace(core)), new Oracle(classOf(core)));
    expect(out.commands[0]).toMatchObject({ token: { type: "null", value: 0 }, quota: 1 });
    expect(out.commands[1]).toMatchObject({ op: "alloc", min: 1, max: MAX_IOASID, data: null });
    expect(out.commands[3]).toMatchObject({ op: "put", id: 2 }); // 1 is the live ID: a stale number stays stale
    expect(kindOf(out)).toBe("outcome");
  });
});

describe("shrinkTrace", () => {
  it("refuses a trace that does not fail, saying why", () => {
    const t = readTrace("counterexamples/corpus/core-reclaim-ignoring-refs.json");
    const r = shrinkTrace({ ...t, implementation: "impl" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/does not fail: its replay passes all 4 steps/);
  });

  it("refuses a trace naming an unknown implementation", () => {
    const t = readTrace("counterexamples/corpus/core-reclaim-ignoring-refs.json");
    const r = shrinkTrace({ ...t, implementation: "mutant:nope" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/cannot be replayed: unknown core implementation "mutant:nope"/);
  });

  it("shrinks a padded hand-written trace and re-records it with fresh values", () => {
    const r = shrinkTrace(recorded("mutant:reclaim-ignoring-refs", PADDED));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect([r.before, r.after]).toEqual([14, 4]);
    expect(r.trace.violation).toMatchObject({ step: 3, kind: "state" });
    expect(r.trace.values).toEqual([1, 1, null, null]);
    expect(r.trace.commands[0]).toMatchObject({ op: "alloc_set", quota: 1 });
    expect(r.trace.note).toMatch(/shrunk from 14 to 4 steps/);
  });

  it("drops the needless step of a stored system trace", () => {
    const t = readTrace("counterexamples/corpus/system-kvm-keeps-refs.json");
    const r = shrinkTrace(t);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.kind).toBe("leak");
    expect(r.after).toBeLessThan(t.commands.length);
    expect(r.trace.violation?.step).toBe(r.after);
  });
});
