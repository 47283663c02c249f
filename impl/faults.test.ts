/**
 * Fault injection in the bundled core (api/faults.ts, faults.ts): the counter on its own, then
 * each allocation point: the armed call answers ENOMEM and changes nothing, the arming ends with
 * the call, guards still come first, and a custom allocator's number goes back.
 */
import { describe, expect, it } from "vitest";
import type { NotifierBlock } from "../api/core.js";
import { INVALID_IOASID } from "../api/constants.js";
import { err, ok } from "../api/result.js";
import { ImplCore } from "./core.js";
import { FaultCounter } from "./faults.js";
import { num, snapshot } from "./test-support.js";

const MAX = 0xfffff;
const NULL0 = { type: "null", value: 0 } as const;
const nb = (name: string): NotifierBlock => ({ name, priority: "DEVICE", handler: () => {} });

describe("FaultCounter", () => {
  it("fails the n-th allocation of the call that begins after arm, then nothing", () => {
    const f = new FaultCounter();
    f.arm(2);
    expect(f.fails()).toBe(false); // armed but not yet begun: no call owns the arming
    f.begin();
    expect([f.fails(), f.fails(), f.fails()]).toEqual([false, true, false]);
  });

  it("ends the arming with the armed call: the next call starts disarmed", () => {
    const f = new FaultCounter();
    f.arm(3);
    f.begin();
    expect(f.fails()).toBe(false);
    f.begin();
    expect([f.fails(), f.fails(), f.fails()]).toEqual([false, false, false]);
  });

  it("disarms at a delivery and ignores an n that is not an integer >= 1", () => {
    const f = new FaultCounter();
    f.arm(1);
    f.begin();
    f.disarm();
    expect(f.fails()).toBe(false);
    for (const n of [0, -1, 1.5, Number.NaN]) {
      f.arm(n);
      f.begin();
      expect(f.fails()).toBe(false);
    }
  });
});

/** A core with one set (handle 1) holding ID 1 (none when `noId`), and the snapshot to compare with. */
const setUp = (noId = false) => {
  const c = new ImplCore({ capacity: 8 });
  const set = num(c.allocSet(NULL0, 4));
  const id = noId ? 1 : num(c.alloc(set, 1, MAX, null));
  return { c, set, id, before: () => snapshot(c, [set, set + 1], [id, id + 1]) };
};

describe("ImplCore allocation points", () => {
  const cases: readonly { readonly name: string; readonly run: (c: ImplCore, set: number, id: number) => unknown; readonly noId?: true }[] = [
    { name: "allocSet (the set record)", run: (c) => c.allocSet({ type: "mm", mm: 7 }, 2) },
    { name: "alloc (the ID record)", run: (c, set) => c.alloc(set, 1, MAX, "d") },
    { name: "attachSpid (the SPID index entry)", run: (c, set, id) => c.attachSpid(set, id, 5) },
    { name: "registerNotifier, global (the notifier record)", run: (c) => c.registerNotifier(null, nb("g")) },
    { name: "registerNotifier, on a set (the notifier record)", run: (c, set) => c.registerNotifier(set, nb("s")) },
    { name: "registerNotifierMm (the notifier record)", run: (c) => c.registerNotifierMm(9, nb("m")) },
    { name: "registerAllocator (the allocator record)", run: (c) => c.registerAllocator({ name: "v", alloc: () => INVALID_IOASID, free: () => {} }), noId: true },
  ];

  it.each(cases.map((k) => [k.name, k] as const))("%s: armed, answers ENOMEM and changes nothing; the same call then succeeds", (_n, k) => {
    const { c, set, id, before } = setUp(k.noId);
    const snap = before();
    const notifiers = ["g", "s", "m"].map((n) => c.inspectNotifier(n));
    c.failNth(1);
    expect(k.run(c, set, id)).toEqual(err("ENOMEM"));
    expect(before()).toBe(snap);
    expect(["g", "s", "m"].map((n) => c.inspectNotifier(n))).toEqual(notifiers);
    expect(c.inspectAllocator("v")).toBeNull();
    expect(c.capacityLeft()).toBe(4);
    const again = k.run(c, set, id);
    expect(again).toMatchObject({ ok: true });
  });

  it("a call making fewer allocations than n runs normally, and the arming ends with it", () => {
    const { c, set } = setUp();
    c.failNth(2);
    expect(c.alloc(set, 1, MAX, null)).toEqual(ok(2));
    expect(c.alloc(set, 1, MAX, null)).toEqual(ok(3));
  });

  it("the arming is taken by the next call whatever it is, a refused *Locked call included", () => {
    const { c, set } = setUp();
    c.failNth(1);
    expect(c.setPutLocked(set)).toEqual(err("EINVAL"));
    expect(c.alloc(set, 1, MAX, null)).toEqual(ok(2));
    c.failNth(1);
    expect(c.get(set, 1)).toEqual(ok(null));
    expect(c.allocSet(NULL0, 1)).toMatchObject({ ok: true });
  });

  it("guards come first: a refused call answers its own errno when armed", () => {
    const { c, set } = setUp();
    c.failNth(1);
    expect(c.alloc(set + 5, 1, MAX, null)).toEqual(err("EINVAL"));
    c.failNth(1);
    expect(c.allocSet(NULL0, 100)).toEqual(err("ENOSPC"));
    c.failNth(1);
    expect(c.registerNotifier(null, nb("x"))).toEqual(err("ENOMEM"));
    c.registerNotifier(null, nb("x"));
    c.failNth(1);
    expect(c.registerNotifier(null, nb("x"))).toEqual(err("EEXIST"));
  });

  it("handlers never see the fault: calls made inside a delivery run after it disarmed", () => {
    const c = new ImplCore();
    const set = num(c.allocSet(NULL0, 4));
    const seen: unknown[] = [];
    c.registerNotifier(set, { name: "h", priority: "CPU", handler: (d, core) => seen.push(core.getLocked(d.set, d.id)) });
    c.failNth(2); // alloc makes one allocation, then delivers ALLOC: the handler's call is not the second
    expect(c.alloc(set, 1, MAX, null)).toEqual(ok(1));
    expect(seen).toEqual([ok(null)]);
    expect(c.inspectId(1)).toMatchObject({ refs: 2 });
  });

  it("a number a custom allocator gave an alloc that fails goes back to it", () => {
    const c = new ImplCore();
    const calls: string[] = [];
    c.registerAllocator({ name: "v", alloc: () => { calls.push("alloc"); return 700; }, free: (id) => calls.push(`free(${id})`) });
    const set = num(c.allocSet(NULL0, 4));
    c.failNth(1);
    expect(c.alloc(set, 1, MAX, null)).toEqual(err("ENOMEM"));
    expect(calls).toEqual(["alloc", "free(700)"]);
    expect(c.inspectAllocator("v")).toEqual({ active: true, outstanding: 0 });
    expect(c.inspectId(700)).toBeNull();
  });

  it("the cyclic policy's cursor does not move on a failed alloc", () => {
    const c = new ImplCore({ policy: "cyclic" });
    const set = num(c.allocSet(NULL0, 4));
    c.failNth(1);
    expect(c.alloc(set, 1, MAX, null)).toEqual(err("ENOMEM"));
    expect(c.alloc(set, 1, MAX, null)).toEqual(ok(1));
  });
});
