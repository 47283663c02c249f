/**
 * The incremental invariant check (spec/invariants.ts `violatedInvariantsAfter`) finds what the
 * full check finds after a step from a state that satisfied every invariant, whichever part of
 * the state the step broke.
 */
import { describe, expect, it } from "vitest";
import { violatedInvariants, violatedInvariantsAfter } from "../../spec/invariants.js";
import type { CoreState, IdRecord } from "../../spec/state.js";
import { c, runAll } from "./run.js";

const base = (): CoreState => runAll([c.nullSet(4), c.alloc(1), c.alloc(1), c.mmSet(7, 2), c.alloc(2)]).world.core;

const withId = (s: CoreState, id: number, f: (r: IdRecord) => IdRecord): CoreState => {
  const r = s.ids.get(id);
  if (r === undefined) throw new Error(`no ID ${id}`);
  return { ...s, ids: new Map(s.ids).set(id, f(r)) };
};

describe("violatedInvariantsAfter", () => {
  it("finds nothing when the step changed nothing, and agrees with the full check along a run", () => {
    const s = base();
    expect(violatedInvariants(s)).toEqual([]);
    expect(violatedInvariantsAfter(s, s)).toEqual([]);
    const before = runAll([c.nullSet(4), c.alloc(1)]).world;
    const after = runAll([c.alloc(1), c.alloc(1)], before).world.core;
    expect(violatedInvariantsAfter(before.core, after)).toEqual(violatedInvariants(after));
  });

  it.each([
    ["an ID's refcount", (s: CoreState) => withId(s, 1, (r) => ({ ...r, refs: r.refs + 1 }))],
    ["an ID's allocation reference", (s: CoreState) => withId(s, 2, (r) => ({ ...r, allocRef: false }))],
    ["an ID taken after free", (s: CoreState) => withId(s, 2, (r) => ({ ...r, ghost: { ...r.ghost, takenAfterFree: 1 } }))],
    ["an ID in a missing set", (s: CoreState) => withId(s, 3, (r) => ({ ...r, set: 9 }))],
    ["a set made dying under ALLOCATED IDs", (s: CoreState) => {
      const set = s.sets.get(1);
      if (set === undefined) throw new Error("no set 1");
      return { ...s, sets: new Map(s.sets).set(1, { ...set, refs: 0 }) };
    }],
    ["a quota below the IDs held", (s: CoreState) => {
      const set = s.sets.get(1);
      if (set === undefined) throw new Error("no set 1");
      return { ...s, sets: new Map(s.sets).set(1, { ...set, quota: 1 }) };
    }],
    ["a duplicate SPID", (s: CoreState) => withId(withId(s, 1, (r) => ({ ...r, spid: 5 })), 2, (r) => ({ ...r, spid: 5 }))],
    ["the lock left held", (s: CoreState) => ({ ...s, depth: 1 })],
    ["a duplicate notifier name", (s: CoreState) => ({ ...s, notifiers: [
      { name: "a", priority: "CPU" as const, seq: 1, scope: { kind: "global" as const } },
      { name: "a", priority: "CPU" as const, seq: 2, scope: { kind: "global" as const } },
    ], nextSeq: 3 })],
    ["an ID outside the active allocator's space", (s: CoreState) => ({ ...s, allocators: [{ name: "x", fns: "f", group: 1 }] })],
  ])("finds %s as the full check does", (_what, breakIt) => {
    const before = base();
    const after = breakIt(before);
    const full = violatedInvariants(after);
    expect(full.length).toBeGreaterThan(0);
    expect(violatedInvariantsAfter(before, after)).toEqual(full);
  });
});
