/**
 * explore/: the alphabet comes from the codecs, the canonical form merges exactly the renamed
 * states, the spec and core explorers search breadth-first, and a counterexample is a shortest
 * one that replays as a stored trace.
 */
import { describe, expect, it } from "vitest";
import type { Command } from "../api/commands.js";
import { HandlerCall } from "../api/reaction.js";
import { Priority } from "../api/notification.js";
import type { CallResult } from "../api/result.js";
import { err } from "../api/result.js";
import { ImplCore } from "../impl/core.js";
import { createImplCore } from "../impl/index.js";
import { CORE_MUTANTS } from "../properties/core/mutants/index.js";
import { initialWorld, worldStep } from "../spec/world.js";
import type { World } from "../spec/world.js";
import { coreTrace } from "../counterexamples/record.js";
import { replayTrace } from "../counterexamples/replay.js";
import { Alphabet } from "./alphabet.js";
import { prioritiesOf, reactionsOf } from "./pools.js";
import { canonicalKey, fingerprint } from "./canonical.js";
import { COMMAND_SHAPES } from "./command-shapes.js";
import { exploreCore } from "./core-explore.js";
import { FingerprintSet, fingerprintOf } from "./fingerprints.js";
import { ExploreResult } from "./result.js";
import type { Scope } from "./scope.js";
import { SCOPES } from "./scope.js";
import { exploreSpec } from "./spec-explore.js";

const scope = (name: string): Scope => {
  const s = SCOPES.find((x) => x.name === name);
  if (s === undefined) throw new Error(`no scope ${name}`);
  return s;
};
const CORE = scope("core");
const SMALL = scope("small");
const SILENT = { on: [], now: [], later: [] } as const;

const run = (cmds: readonly Command[]): World => cmds.reduce((w, c) => worldStep(w, c).world, initialWorld({ capacity: 4 }));

describe("the alphabet", () => {
  it("offers every command kind of the api codecs once a set, an ID and a notifier exist", () => {
    const a = new Alphabet(CORE);
    expect(a.unexplored).toEqual([]);
    const w = run([
      { op: "alloc_set", token: { type: "null", value: 0 }, quota: 4 },
      { op: "alloc", set: 1, min: 1, max: 4, data: null },
      { op: "register_notifier", set: null, name: "a", priority: "CPU", reaction: SILENT },
    ]);
    const kinds = new Set(a.commandsIn(w.core).map((c) => c.op));
    expect([...kinds].sort()).toEqual(COMMAND_SHAPES.map((s) => s.op).sort());
    for (const c of a.movesIn(w.core)) expect(a.commandsIn(w.core)).toContain(c);
  });

  it("takes handler calls, events and priorities from their codecs", () => {
    const calls = Object.keys(HandlerCall.keys);
    expect(reactionsOf({ ...CORE, reactions: "every" })).toHaveLength(1 + 2 * calls.length);
    expect(reactionsOf({ ...CORE, reactions: "each" })).toHaveLength(1 + calls.length);
    expect(prioritiesOf({ ...CORE, priorities: 2 })).toEqual(["CPU", "LAST"]);
    expect(prioritiesOf({ ...CORE, priorities: 9 })).toHaveLength(Object.keys(Priority.keys).length);
  });

  it("offers alloc_set only below the scope's bound on sets", () => {
    const a = new Alphabet(SMALL);
    const w = run([{ op: "alloc_set", token: { type: "null", value: 0 }, quota: 1 }]);
    expect(a.commandsIn(w.core).some((c) => c.op === "alloc_set")).toBe(false);
  });
});

describe("the canonical form", () => {
  const two = (first: Command, second: Command) => canonicalKey(run([first, second]));
  const nul: Command = { op: "alloc_set", token: { type: "null", value: 0 }, quota: 1 };
  const mm: Command = { op: "alloc_set", token: { type: "mm", mm: 1 }, quota: 2 };

  it("merges states that differ only in set handles, notifier names or mm numbers", () => {
    expect(two(nul, mm)).toBe(two(mm, nul));
    const reg = (name: string, prio: "CPU" | "LAST"): Command => ({ op: "register_notifier", set: null, name, priority: prio, reaction: SILENT });
    expect(two(reg("a", "CPU"), reg("b", "LAST"))).toBe(two(reg("x", "CPU"), reg("y", "LAST")));
    expect(two(nul, { ...mm, token: { type: "mm", mm: 7 } })).toBe(two(nul, mm));
  });

  it("keeps ID numbers and registration order apart", () => {
    const alloc: Command = { op: "alloc", set: 1, min: 1, max: 4, data: null };
    const one = canonicalKey(run([nul, alloc]));
    const two = canonicalKey(run([{ ...nul, quota: 2 }, alloc, alloc, { op: "free", set: 1, id: 1 }]));
    expect(one).not.toBe(two);
    const reg = (name: string, prio: "CPU" | "LAST"): Command => ({ op: "register_notifier", set: null, name, priority: prio, reaction: SILENT });
    expect(canonicalKey(run([reg("a", "CPU"), reg("b", "LAST")]))).not.toBe(canonicalKey(run([reg("a", "LAST"), reg("b", "CPU")])));
  });

  it("fingerprints hash exactly the codes of the text key", () => {
    const w = run([nul, { op: "alloc", set: 1, min: 1, max: 4, data: "x" }]);
    const key = canonicalKey(w);
    const a = { hi: 0, lo: 0 };
    const b = { hi: 0, lo: 0 };
    fingerprint(w, a);
    fingerprintOf([...key].map((c) => c.charCodeAt(0)), key.length, b);
    expect(a).toEqual(b);
  });

  it("fingerprints are remembered once each", () => {
    const set = new FingerprintSet(4);
    for (let i = 0; i < 1000; i++) expect(set.add(i * 7919, i)).toBe(true);
    expect(set.add(7919, 1)).toBe(false);
    expect(set.size).toBe(1000);
  });
});

describe("exploreSpec", () => {
  it("visits each state of the small scope once, level by level, and finds no broken invariant", () => {
    const r = exploreSpec(SMALL, { maxDepth: 4 });
    expect(r).toMatchObject({ target: "spec", depth: 4, stoppedBy: "depth", counterexample: null });
    expect(1 + r.levels.reduce((n, l) => n + l.newStates, 0)).toBe(r.distinctStates);
    expect(ExploreResult.is(r)).toBe(true);
  });
});

describe("exploreCore", () => {
  const mutant = (name: string) => {
    const m = CORE_MUTANTS.find((x) => x.name === name);
    if (m === undefined) throw new Error(`no mutant ${name}`);
    return { name: `mutant:${name}`, make: (c: { readonly capacity: number }) => m.make(c.capacity) };
  };

  it("passes the bundled implementation on the small scope", () => {
    const r = exploreCore({ name: "impl", make: (c) => createImplCore(c) }, SMALL, { maxDepth: 3 });
    expect(r).toMatchObject({ target: "impl", depth: 3, counterexample: null });
    expect(r.transitions).toBeGreaterThan(r.distinctStates);
  });

  it("passes the bundled implementation at depth 5 of the default scope, armed states included (a replayed prefix's allocator calls are not the armed call's)", () => {
    const r = exploreCore({ name: "impl", make: (c) => createImplCore(c) }, CORE, { maxDepth: 5 });
    expect(r.counterexample?.detail ?? null).toBeNull();
    expect(r.depth).toBe(5);
  });

  it("explores the armed twin of each state of a core that offers failNth, and none of one that does not", () => {
    const withFaults = exploreCore({ name: "impl", make: (c) => createImplCore(c) }, SMALL, { maxDepth: 2 });
    const without = exploreCore({ name: "impl-no-faults", make: (c) => Object.assign(createImplCore(c), { failNth: undefined }) }, SMALL, { maxDepth: 2 });
    expect(without.counterexample).toBeNull();
    expect(withFaults.distinctStates).toBeGreaterThan(without.distinctStates);
  });

  it("finds a shortest counterexample of a broken variant, which replays as a stored trace", () => {
    const r = exploreCore(mutant("free-drops-ref-early"), CORE, { maxDepth: 5, classify: () => "the class" });
    const cx = r.counterexample;
    expect(cx).not.toBeNull();
    if (cx === null) return;
    expect(r.stoppedBy).toBe("counterexample");
    expect(r.depth).toBe(cx.commands.length - 1);
    expect(cx.class).toBe("the class");
    expect(cx.commands.length).toBeLessThanOrEqual(4);
    const trace = coreTrace({ implementation: "mutant:free-drops-ref-early", seed: null, path: null, expect: "fail", note: "" }, CORE.capacity, cx.commands);
    expect(replayTrace(trace)).toMatchObject({ status: "fail", step: cx.commands.length - 1, kind: cx.kind });
  });

  it("decides a handler's reaction at its first delivery and writes the decision into the trace", () => {
    // Refuses put_locked inside handlers only: a listening handler never shows it.
    class LockedPutRefused extends ImplCore {
      override putLocked(set: number | null, id: number): CallResult {
        return this.depth > 0 ? err("EDEADLK") : super.putLocked(set, id);
      }
    }
    const target = { name: "locked-put-refused", make: (c: { readonly capacity: number }) => new LockedPutRefused(c) };
    expect(exploreCore(target, { ...SMALL, reactions: "silent" }, { maxDepth: 4 }).counterexample).toBeNull();
    const cx = exploreCore(target, SMALL, { maxDepth: 4 }).counterexample;
    const reg = cx?.commands.find((c) => c.op === "register_notifier" || c.op === "register_notifier_mm");
    expect(reg !== undefined && "reaction" in reg ? reg.reaction.now : []).toContain("put_locked");
  });

  it("reports the commands that changed a reused core's hidden state", () => {
    // A refused get of a number that is not live breaks every later attach_spid of this core.
    class StaleGetBreaks extends ImplCore {
      private broken = false;
      override get(set: number | null, id: number): CallResult {
        const r = super.get(set, id);
        if (!r.ok && r.errno === "ENOENT") this.broken = true;
        return r;
      }
      override attachSpid(set: number | null, id: number, spid: number): CallResult {
        return this.broken ? err("ENOSPC") : super.attachSpid(set, id, spid);
      }
    }
    const r = exploreCore({ name: "stale-get-breaks", make: (c) => new StaleGetBreaks(c) }, SMALL, { maxDepth: 3 });
    const cx = r.counterexample;
    expect(cx?.commands.map((c) => c.op)).toContain("get");
    expect(cx?.detail).toMatch(/hidden state/);
  });
});
