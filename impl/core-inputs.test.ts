/**
 * Bad-input table: every method, every argument position, hostile values. Each refusal must
 * carry the ruled errno and leave the observable state exactly as it was.
 */
import { describe, expect, it } from "vitest";
import type { IoasidCore } from "../api/core.js";
import { ImplCore } from "./core.js";
import { Recorder, callRaw, errnoOf, num, snapshot } from "./test-support.js";

const MAX = 0xfffff;
const BAD_IDS: readonly unknown[] = [NaN, -1, 0, 1.5, 0x100000, 0xffffffff, Infinity, -Infinity, "1", undefined, {}, [1], true];
const BAD_SETS: readonly unknown[] = [999, NaN, -1, 0, 1.5, 0xffffffff, Infinity, "1", undefined, {}, true];
const BAD_QUOTAS: readonly unknown[] = [0, -1, 1.5, NaN, Infinity, "5", null, undefined];
const throwing = (field: string): object =>
  Object.defineProperty({}, field, { enumerable: true, get: () => { throw new Error("boom"); } });

const show = (x: unknown): string => {
  try {
    return JSON.stringify(x) ?? String(x);
  } catch {
    return "<throwing getter>";
  }
};

interface Fixture {
  core: ImplCore;
  a: number;
  m: number;
  x: number;
  y: number;
  log: Recorder;
  snap: () => string;
}

const fixture = (): Fixture => {
  const core = new ImplCore();
  const log = new Recorder();
  core.registerNotifier(null, log.nb("g", "IOMMU"));
  const a = num(core.allocSet({ type: "null", value: 1 }, 10));
  const m = num(core.allocSet({ type: "mm", mm: 7 }, 10));
  core.registerNotifier(a, log.nb("na", "CPU"));
  const x = num(core.alloc(a, 1, MAX, "data-x"));
  core.attachSpid(a, x, 101);
  const y = num(core.alloc(a, 1, MAX, null));
  core.get(a, y);
  core.free(a, y);
  core.notify(a, x, "BIND");
  log.clear();
  const snap = (): string => snapshot(core, [a, m, 999], [x, y, 3]) + JSON.stringify(core.forEachIoasid(a));
  return { core, a, m, x, y, log, snap };
};

type Case = readonly [label: string, method: keyof IoasidCore, args: (f: Fixture) => readonly unknown[], errno: string];

const cases: Case[] = [];
const add = (label: string, method: keyof IoasidCore, args: (f: Fixture) => readonly unknown[], errno: string): void => {
  cases.push([label, method, args, errno]);
};

for (const bad of BAD_IDS) {
  const l = `id=${String(bad)}`;
  add(l, "get", (f) => [f.a, bad], "EINVAL");
  add(l, "get", () => [null, bad], "EINVAL");
  add(l, "put", (f) => [f.a, bad], "EINVAL");
  add(l, "free", (f) => [f.a, bad], "EINVAL");
  add(l + " (null set: D1 first)", "free", () => [null, bad], "EINVAL");
  add(l, "find", (f) => [f.a, bad, "none"], "EINVAL");
  add(l, "attachData", (f) => [f.a, bad, "d"], "EINVAL");
  add(l, "attachSpid", (f) => [f.a, bad, 5], "EINVAL");
  add(l + " as spid", "attachSpid", (f) => [f.a, f.x, bad], "EINVAL");
  add(l, "detachSpid", (f) => [f.a, bad], "EINVAL");
  add(l + " as spid", "findBySpid", (f) => [f.a, bad], "EINVAL");
  add(l, "notify", (f) => [f.a, bad, "BIND"], "EINVAL");
  add(l + " as min", "alloc", (f) => [f.a, bad, MAX, null], "EINVAL");
  add(l + " as max", "alloc", (f) => [f.a, 1, bad, null], "EINVAL");
}

for (const bad of BAD_SETS) {
  const l = `set=${String(bad)}`;
  add(l, "get", (f) => [bad, f.x], "EINVAL");
  add(l, "put", (f) => [bad, f.x], "EINVAL");
  add(l, "free", (f) => [bad, f.x], "EINVAL");
  add(l, "find", (f) => [bad, f.x, "none"], "EINVAL");
  add(l, "attachData", (f) => [bad, f.x, "d"], "EINVAL");
  add(l, "attachSpid", (f) => [bad, f.x, 5], "EINVAL");
  add(l, "detachSpid", (f) => [bad, f.x], "EINVAL");
  add(l, "findBySpid", () => [bad, 101], "EINVAL");
  add(l, "notify", (f) => [bad, f.x, "UNBIND"], "EINVAL");
  add(l, "alloc", () => [bad, 1, MAX, null], "EINVAL");
  add(l, "adjustSet", () => [bad, 5], "EINVAL");
  add(l, "setGet", () => [bad], "EINVAL");
  add(l, "setPut", () => [bad], "EINVAL");
  add(l, "forEachIoasid", () => [bad], "EINVAL");
  add(l, "registerNotifier", () => [bad, { name: "new", priority: "CPU", handler: () => undefined }], "EINVAL");
  add(l, "unregisterNotifier", () => [bad, "na"], "EINVAL");
}

for (const method of ["alloc", "adjustSet", "setGet", "setPut", "forEachIoasid"] as const) {
  add("null set", method, () => [null, 1, MAX, null], "EINVAL");
}
add("null set", "free", (f) => [null, f.x], "EACCES");
add("null set", "attachData", (f) => [null, f.x, "d"], "EACCES");
add("null set", "attachSpid", (f) => [null, f.x, 5], "EACCES");
add("null set", "detachSpid", (f) => [null, f.x], "EACCES");
add("null set", "findBySpid", () => [null, 101], "EINVAL");

for (const bad of BAD_QUOTAS) {
  add(`quota=${String(bad)}`, "allocSet", () => [{ type: "null", value: 5 }, bad], "EINVAL");
  add(`quota=${String(bad)}`, "adjustSet", (f) => [f.a, bad], "EINVAL");
}

const BAD_TOKENS: readonly unknown[] = [
  null, undefined, {}, "mm", 7, { type: "mm", mm: 0 }, { type: "mm", mm: -3 }, { type: "mm", mm: 1.5 },
  { type: "mm", mm: NaN }, { type: "mm", value: 9 }, { type: "null", value: -1 }, { type: "null", value: 0.5 },
  { type: "null", value: NaN }, { type: "null", value: "1" }, { type: "other", value: 1 }, throwing("type"),
  { type: "mm", get mm(): number { throw new Error("boom"); } },
];
for (const bad of BAD_TOKENS) add(`token=${show(bad)}`, "allocSet", () => [bad, 5], "EINVAL");

const handler = (): void => undefined;
const BAD_NBS: readonly unknown[] = [
  null, undefined, 5, {}, { name: "", priority: "CPU", handler }, { name: 5, priority: "CPU", handler },
  { name: "n", priority: "HIGH", handler }, { name: "n", priority: "toString", handler },
  { name: "n", priority: "CPU", handler: 5 }, { name: "n", priority: "CPU" }, throwing("name"),
];
for (const bad of BAD_NBS) {
  add(`nb=${show(bad)}`, "registerNotifier", () => [null, bad], "EINVAL");
  add(`nb=${show(bad)}`, "registerNotifier", (f) => [f.a, bad], "EINVAL");
  add(`nb=${show(bad)}`, "registerNotifierMm", () => [8, bad], "EINVAL");
}
for (const bad of [0, -1, 1.5, NaN, "7", null]) {
  add(`mm=${String(bad)}`, "registerNotifierMm", () => [bad, { name: "new", priority: "CPU", handler }], "EINVAL");
  add(`mm=${String(bad)}`, "unregisterNotifierMm", () => [bad, "x"], "EINVAL");
}
for (const bad of ["", 5, null, undefined]) {
  add(`name=${String(bad)}`, "unregisterNotifier", () => [null, bad], "EINVAL");
  add(`name=${String(bad)}`, "unregisterNotifierMm", () => [7, bad], "EINVAL");
  add(`name=${String(bad)}`, "unregisterAllocator", () => [bad], "EINVAL");
}
for (const bad of ["ALLOC", "FREE", "bind", 5, null]) add(`event=${String(bad)}`, "notify", (f) => [f.a, f.x, bad], "EINVAL");
for (const bad of ["yes", null, 1, undefined]) add(`getter=${String(bad)}`, "find", (f) => [f.a, f.x, bad], "EINVAL");
for (const bad of [5, {}, undefined, ["d"]]) {
  add(`data=${String(bad)}`, "attachData", (f) => [f.a, f.x, bad], "EINVAL");
  add(`data=${String(bad)}`, "alloc", (f) => [f.a, 1, MAX, bad], "EINVAL");
}
add("min > max", "alloc", (f) => [f.a, 9, 8, null], "EINVAL");
const fn = (): number => 1;
for (const bad of [null, 5, {}, { name: "x" }, { name: "", alloc: fn, free: fn }, { name: "x", alloc: 5, free: fn },
  { name: "x", alloc: fn, free: null }, throwing("alloc")]) {
  add(`ops=${show(bad)}`, "registerAllocator", () => [bad], "EINVAL");
}
// The *Locked calls outside a handler: EINVAL whatever their arguments.
add("outside handler", "getLocked", (f) => [f.a, f.x], "EINVAL");
add("outside handler", "putLocked", (f) => [f.a, f.x], "EINVAL");
add("outside handler", "setGetLocked", (f) => [f.a], "EINVAL");
add("outside handler", "setPutLocked", (f) => [f.a], "EINVAL");
add("outside handler, bad id", "getLocked", () => [null, NaN], "EINVAL");

/** inspectId with an arbitrary argument. */
const callRawView = (core: ImplCore, id: unknown): unknown => Reflect.apply(core.inspectId, core, [id]);

describe("bad inputs", () => {
  it.each(cases.map((c) => [`${c[1]}(${c[0]})`, c] as const))("%s is refused and changes nothing", (_label, c) => {
    const f = fixture();
    const before = f.snap();
    const r = callRaw(f.core, c[1], c[2](f));
    expect(errnoOf(r)).toBe(c[3]);
    expect(f.snap()).toBe(before);
    expect(f.log.log).toEqual([]);
  });

  it("inspectId answers null for anything but a live ID, never throws, and works inside handlers", () => {
    const f = fixture();
    for (const bad of [...BAD_IDS, 3, 0xfffff]) expect(callRawView(f.core, bad)).toBeNull();
    expect(f.core.inspectId(f.x)).toEqual({ state: "ALLOCATED", refs: 1, set: f.a, spid: 101 });
    expect(f.core.inspectId(f.y)).toEqual({ state: "FREE_PENDING", refs: 1, set: f.a, spid: null });
    const inside: unknown[] = [];
    f.core.registerNotifier(f.a, { name: "peek", priority: "LAST", handler: (d, c) => inside.push(c.inspectId(d.id)) });
    f.core.notify(f.a, f.x, "UNBIND");
    expect(inside).toEqual([{ state: "ALLOCATED", refs: 1, set: f.a, spid: 101 }]);
  });

  it("the fixture is alive: the same calls with good arguments do work", () => {
    const f = fixture();
    expect(f.core.get(f.a, f.x).ok).toBe(true);
    expect(f.core.findBySpid(f.a, 101)).toEqual({ ok: true, value: f.x });
    expect(f.core.forEachIoasid(f.a)).toEqual({ ok: true, value: [f.x] });
    expect(f.core.inspectId(f.y)?.state).toBe("FREE_PENDING");
  });
});
