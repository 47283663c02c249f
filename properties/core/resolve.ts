/**
 * Resolution: an abstract command plus the model state gives the concrete Command to run.
 *
 * Rules:
 *  1. A command whose target does not exist yet (no set to allocate from, no ID to name, no SPID
 *     to look up) resolves to the call that would create one, with the same seeds: `alloc` on a
 *     live set, else `alloc_set`. Every generated command is run and checked, none is wasted on a
 *     state that cannot take it (about half of them were), and a run moves on toward the states
 *     its later commands need. alloc_set and alloc are kept by every swarm (swarm.ts rule 2).
 *  2. `resolveOwn` is the strict form: the command's own kind, or null when it does not apply.
 *  3. Right after a fail_nth, four in five commands of a kind that cannot allocate become an
 *     allocating call instead (`allocatingCall`), so the arming mostly meets a call it can fail
 *     (D32).
 */
import type { Command } from "../../api/commands.js";
import type { AbstractCommand } from "./abstract-command.js";
import type { Model } from "./model.js";
import { pickAdjustedQuota, pickNewQuota, pickEvent, pickId, pickSetToRelease, pickMm, pickName, pickOf, pickSet, pickSetFor, pickSpid, pickSpidTarget } from "./picks.js";
import { MAX_IOASID } from "../../api/constants.js";
import { MAY_FAIL_ALLOCATION } from "../../spec/allocation.js";

const RANGES: ReadonlyArray<readonly [number, number]> = [
  [1, MAX_IOASID], [1, 8], [1, 8], [2, 3], [5, 5], [0, 4], [3, 2], [MAX_IOASID, MAX_IOASID],
];
const PRIORITIES = ["CPU", "DEVICE", "IOMMU", "LAST"] as const;
const GETTERS = ["none", "accept", "reject"] as const;
const ALLOCATORS = ["vcmd-a", "vcmd-b", "other"];
const ALLOCATOR_FNS = ["vcmd", "vcmd", "alt"];
/** fail_nth's n: mostly the first allocation (most calls make one), sometimes a later one. */
const FAULT_NTH = [1, 1, 2, 3];

/** A set argument and an ID through it, or null if either cannot be picked. */
const setAndId = (m: Model, a: AbstractCommand) => {
  const id = pickId(m, a.seeds[1]);
  if (id === null) return null;
  const set = pickSetFor(m, id, a.seeds[0]);
  return set === undefined ? null : { set, id };
};

/** A set-level command's target, or null. */
const setCmd = <K extends "set_put" | "set_put_locked" | "set_get" | "set_get_locked" | "for_each_ioasid">(op: K, set: number | null) =>
  set === null ? null : { op, set };

/** Rule 1: the call that creates what a command lacks: alloc on a live set, else alloc_set. */
const prerequisite = (m: Model, a: AbstractCommand): Command => {
  const [s0, s1, s2] = a.seeds;
  const set = pickSet(m, s0);
  if (set === null) return { op: "alloc_set", token: s0 % 3 === 0 ? { type: "null", value: s2 % 3 } : { type: "mm", mm: pickMm(m, s2) }, quota: pickNewQuota(m, s1) };
  const [min, max] = pickOf(RANGES, s1);
  return { op: "alloc", set, min, max, data: s2 % 2 === 0 ? null : `d${s2 % 5}` };
};

/** Rule 3: a call that allocates, from the same seeds: one in three attach_spid on a live ID (the rarest allocating call), else the prerequisite. */
const allocatingCall = (m: Model, a: AbstractCommand): Command => {
  const t = a.seeds[2] % 3 === 0 ? setAndId(m, a) : null;
  return t === null ? prerequisite(m, a) : { op: "attach_spid", ...t, spid: pickSpid(m, t.set, t.id, a.seeds[2]) };
};

/** The concrete command (rules 1 and 3): the command's own kind when it applies, else its prerequisite. */
export const resolve = (m: Model, a: AbstractCommand): Command =>
  (m.fault !== 0 && !MAY_FAIL_ALLOCATION.has(a.op) && a.seeds[3] % 5 !== 0 ? allocatingCall(m, a) : null) ?? resolveOwn(m, a) ?? prerequisite(m, a);

/**
 * Rule 2: the concrete command of the command's own kind, or null when not applicable now. A
 * switch with no default: exhaustive by its return type (the per-command hot path; see spec/step.ts).
 */
export function resolveOwn(m: Model, a: AbstractCommand): Command | null {
  const [s0, s1, s2, s3] = a.seeds;
  switch (a.op) {
    case "alloc_set": {
      const token = s0 % 3 === 0 ? { type: "null" as const, value: s2 % 3 } : { type: "mm" as const, mm: pickMm(m, s2) };
      return { op: a.op, token, quota: pickNewQuota(m, s1) };
    }
    case "adjust_set": {
      const set = pickSet(m, s0);
      return set === null ? null : { op: a.op, set, quota: pickAdjustedQuota(m, set, s1) };
    }
    case "set_put":
    case "set_put_locked":
      return setCmd(a.op, pickSetToRelease(m, s0));
    case "set_get":
    case "set_get_locked":
    case "for_each_ioasid":
      return setCmd(a.op, pickSet(m, s0));
    case "alloc": {
      const set = pickSet(m, s0);
      const [min, max] = pickOf(RANGES, s1);
      return set === null ? null : { op: a.op, set, min, max, data: s2 % 2 === 0 ? null : `d${s2 % 5}` };
    }
    case "free":
    case "get":
    case "put":
    case "get_locked":
    case "put_locked":
    case "detach_spid": {
      const t = setAndId(m, a);
      return t === null ? null : { op: a.op, ...t };
    }
    case "find": {
      const t = setAndId(m, a);
      return t === null ? null : { op: a.op, ...t, getter: pickOf(GETTERS, s2) };
    }
    case "attach_data": {
      const t = setAndId(m, a);
      return t === null ? null : { op: a.op, ...t, data: s2 % 2 === 0 ? null : `d${s2 % 5}` };
    }
    case "attach_spid": {
      const t = setAndId(m, a);
      return t === null ? null : { op: a.op, ...t, spid: pickSpid(m, t.set, t.id, s2) };
    }
    case "find_by_spid": {
      const target = pickSpidTarget(m, s2);
      return target === null ? null : { op: a.op, ...target };
    }
    case "register_notifier":
      return { op: a.op, set: s3 % 3 === 0 ? null : pickSet(m, s0), name: pickName(m, s1), priority: pickOf(PRIORITIES, s2), reaction: a.reaction };
    case "register_notifier_mm":
      return { op: a.op, mm: pickMm(m, s0), name: pickName(m, s1), priority: pickOf(PRIORITIES, s2), reaction: a.reaction };
    case "unregister_notifier":
      return { op: a.op, set: s3 % 2 === 0 ? null : pickSet(m, s0), name: pickName(m, s1) };
    case "unregister_notifier_mm":
      return { op: a.op, mm: pickMm(m, s0), name: pickName(m, s1) };
    case "notify": {
      const t = setAndId(m, a);
      return t === null ? null : { op: a.op, ...t, event: pickEvent(m, t.id, s2) };
    }
    case "register_allocator":
      return { op: a.op, name: pickOf(ALLOCATORS, s0), fns: pickOf(ALLOCATOR_FNS, s1) };
    case "unregister_allocator":
      return { op: a.op, name: pickOf(ALLOCATORS, s0) };
    case "run_work":
      return { op: a.op };
    case "fail_nth":
      return { op: a.op, n: pickOf(FAULT_NTH, s0) };
  }
}
