/**
 * Random command sequences (hostile arguments included, handlers that call back): the core never
 * throws, always answers a well-formed result, and keeps its books consistent.
 */
import { describe, expect, it } from "vitest";
import type { IoasidCore } from "../api/core.js";
import type { CallResult } from "../api/result.js";
import { ImplCore } from "./core.js";
import { callRaw } from "./test-support.js";

const MAX = 0xfffff;

const rng = (seed: number) => {
  let s = (seed * 0x9e3779b9) >>> 0 || 1;
  return (n: number): number => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) % n;
  };
};

const check = (c: ImplCore, handles: readonly number[], ids: readonly number[]): string | null => {
  let held = 0;
  let quota = 0;
  let sets = 0;
  for (const h of handles) {
    const s = c.inspectSet(h);
    if (s === null) continue;
    sets++;
    held += s.held;
    quota += s.quota;
    if (s.refs < 0 || (s.refs === 0) !== s.dying) return `set ${h} refs ${s.refs} dying ${s.dying}`;
    if (s.dying && s.held === 0) return `set ${h} dying and empty but not destroyed`;
  }
  const st = c.stats();
  if (st.ids !== held) return `ids ${st.ids} != held ${held}`;
  if (st.quotaSum !== quota || st.sets !== sets) return `quota ${st.quotaSum}/${quota} sets ${st.sets}/${sets}`;
  if (st.quotaSum > st.capacity) return "quota beyond capacity";
  for (const id of ids) {
    const i = c.inspectId(id);
    if (i === null) continue;
    if (i.refs < 1) return `id ${id} refs ${i.refs}`;
    if (c.inspectSet(i.set) === null) return `id ${id} owned by a destroyed set`;
  }
  return null;
};

describe("random sequences", () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])("seed %i keeps the books", (seed) => {
    const r = rng(seed);
    const c = new ImplCore({ capacity: 100, policy: seed % 2 === 0 ? "cyclic" : "lowest" });
    const handles: number[] = [999];
    const ids: number[] = [];
    const pick = <T>(xs: readonly T[]): T | undefined => xs[r(xs.length)];
    const anySet = (): unknown =>
      r(8) === 0 ? pick([null, 0, "1", 1.5, 12345]) : r(4) === 0 ? pick(handles) : pick(handles.slice(-3));
    const anyId = (): unknown =>
      r(10) === 0 ? pick([0, -1, 1.5, NaN, MAX + 1, "3"]) : r(3) === 0 ? pick(ids) ?? 1 : pick(ids.slice(-6)) ?? 1;
    const reactions = ["getLocked", "putLocked", "setPutLocked", "setGetLocked", "get"] as const;
    let n = 0;
    const nb = (): object => {
      const act = pick(reactions) ?? "get";
      return {
        name: `nb${n++ % 12}`,
        priority: pick(["CPU", "DEVICE", "IOMMU", "LAST", "BAD"]),
        handler: (d: { set: number; id: number }, core: IoasidCore) => {
          if (r(2) === 0) callRaw(core, act, act.startsWith("set") ? [d.set] : [d.set, d.id]);
          if (r(20) === 0) throw new Error("flaky handler");
        },
      };
    };
    const calls: readonly (() => CallResult)[] = [
        () => callRaw(c, "allocSet", [r(2) ? { type: "mm", mm: 1 + r(4) } : { type: "null", value: r(3) }, 1 + r(12)]),
        () => {
          const min = 1 + r(30);
          return callRaw(c, "alloc", [anySet(), min, r(15) === 0 ? min - 1 : min + r(30), r(2) ? "d" : null]);
        },
        () => callRaw(c, "free", [anySet(), anyId()]),
        () => callRaw(c, "get", [anySet(), anyId()]),
        () => callRaw(c, "put", [anySet(), anyId()]),
        () => callRaw(c, "setPut", [anySet()]),
        () => callRaw(c, "setGet", [anySet()]),
        () => callRaw(c, "attachSpid", [anySet(), anyId(), 1 + r(5)]),
        () => callRaw(c, "findBySpid", [anySet(), 1 + r(5)]),
        () => callRaw(c, "notify", [anySet(), anyId(), r(2) ? "BIND" : "UNBIND"]),
        () => callRaw(c, "registerNotifier", [r(3) === 0 ? null : anySet(), nb()]),
        () => callRaw(c, "registerNotifierMm", [1 + r(4), nb()]),
        () => callRaw(c, "unregisterNotifier", [r(2) ? null : anySet(), `nb${r(12)}`]),
        () => callRaw(c, "unregisterNotifierMm", [1 + r(4), `nb${r(12)}`]),
        () => callRaw(c, "adjustSet", [anySet(), 1 + r(12)]),
        () => callRaw(c, "detachSpid", [anySet(), anyId()]),
        () => callRaw(c, "find", [anySet(), anyId(), pick(["none", "accept", "reject"])]),
    ];
    for (let step = 0; step < 6000; step++) {
      const k = r(calls.length + 1);
      const res = calls[k]?.() ?? callRaw(c, "forEachIoasid", [anySet()]);
      if (res.ok && typeof res.value === "number") {
        if (k === 0) handles.push(res.value);
        if (k === 1) ids.push(res.value);
      }
      const problem = check(c, handles, ids);
      if (problem !== null) expect(`step ${step}: ${problem}`).toBe("consistent");
    }
    expect(handles.length).toBeGreaterThan(8);
    expect(ids.length).toBeGreaterThan(40);
    // Tear everything down: every set put until destroyed, every pending ID put to zero.
    for (const h of handles) while (c.inspectSet(h)?.dying === false) c.setPut(h);
    for (const id of ids) while (c.inspectId(id) !== null) c.put(null, id);
    expect(c.stats()).toMatchObject({ ids: 0, sets: 0, quotaSum: 0 });
  });
});
