/**
 * Resolution: an abstract command plus the model state gives the concrete Command to run, or
 * null when the command does not apply in this state (its precondition).
 */
import { match } from "ts-pattern";
import type { Command } from "../../api/commands.js";
import type { AbstractCommand } from "./abstract-command.js";
import type { Model } from "./model.js";
import { pickAdjustedQuota, pickEvent, pickId, pickSetToRelease, pickMm, pickName, pickOf, pickSet, pickSetFor, pickSpid, pickSpidTarget } from "./picks.js";
import { MAX_IOASID } from "../../api/constants.js";

const QUOTAS = [4, 3, 6, 2, 5, 12, 0, 1.5];
const RANGES: ReadonlyArray<readonly [number, number]> = [
  [1, MAX_IOASID], [1, 8], [1, 8], [2, 3], [5, 5], [0, 4], [3, 2], [MAX_IOASID, MAX_IOASID],
];
const PRIORITIES = ["CPU", "DEVICE", "IOMMU", "LAST"] as const;
const GETTERS = ["none", "accept", "reject"] as const;
const ALLOCATORS = ["vcmd-a", "vcmd-b", "other"];
const ALLOCATOR_FNS = ["vcmd", "vcmd", "alt"];

/** A set argument and an ID through it, or null if either cannot be picked. */
const setAndId = (m: Model, a: AbstractCommand) => {
  const id = pickId(m, a.seeds[1]);
  if (id === null) return null;
  const set = pickSetFor(m, id, a.seeds[0]);
  return set === undefined ? null : { set, id };
};

/** The concrete command, or null when not applicable now. */
export const resolve = (m: Model, a: AbstractCommand): Command | null => {
  const [s0, s1, s2, s3] = a.seeds;
  return match(a.op)
    .returnType<Command | null>()
    .with("alloc_set", () => {
      const token = s0 % 3 === 0 ? { type: "null" as const, value: s2 % 3 } : { type: "mm" as const, mm: pickMm(m, s2) };
      return { op: "alloc_set", token, quota: pickOf(QUOTAS, s1) };
    })
    .with("adjust_set", (op) => {
      const set = pickSet(m, s0);
      return set === null ? null : { op, set, quota: pickAdjustedQuota(m, set, s1) };
    })
    .with("set_put", "set_put_locked", (op) => {
      const set = pickSetToRelease(m, s0);
      return set === null ? null : { op, set };
    })
    .with("set_get", "set_get_locked", "for_each_ioasid", (op) => {
      const set = pickSet(m, s0);
      return set === null ? null : { op, set };
    })
    .with("alloc", (op) => {
      const set = pickSet(m, s0);
      const [min, max] = pickOf(RANGES, s1);
      return set === null ? null : { op, set, min, max, data: s2 % 2 === 0 ? null : `d${s2 % 5}` };
    })
    .with("free", "get", "put", "get_locked", "put_locked", "detach_spid", (op) => {
      const t = setAndId(m, a);
      return t === null ? null : { op, ...t };
    })
    .with("find", (op) => {
      const t = setAndId(m, a);
      return t === null ? null : { op, ...t, getter: pickOf(GETTERS, s2) };
    })
    .with("attach_data", (op) => {
      const t = setAndId(m, a);
      return t === null ? null : { op, ...t, data: s2 % 2 === 0 ? null : `d${s2 % 5}` };
    })
    .with("attach_spid", (op) => {
      const t = setAndId(m, a);
      return t === null ? null : { op, ...t, spid: pickSpid(m, t.set, t.id, s2) };
    })
    .with("find_by_spid", (op) => {
      const target = pickSpidTarget(m, s2);
      return target === null ? null : { op, ...target };
    })
    .with("register_notifier", (op) => {
      const set = s3 % 3 === 0 ? null : pickSet(m, s0);
      return { op, set, name: pickName(m, s1), priority: pickOf(PRIORITIES, s2), reaction: a.reaction };
    })
    .with("register_notifier_mm", (op) => ({ op, mm: pickMm(m, s0), name: pickName(m, s1), priority: pickOf(PRIORITIES, s2), reaction: a.reaction }))
    .with("unregister_notifier", (op) => ({ op, set: s3 % 2 === 0 ? null : pickSet(m, s0), name: pickName(m, s1) }))
    .with("unregister_notifier_mm", (op) => ({ op, mm: pickMm(m, s0), name: pickName(m, s1) }))
    .with("notify", (op) => {
      const t = setAndId(m, a);
      return t === null ? null : { op, ...t, event: pickEvent(m, t.id, s2) };
    })
    .with("register_allocator", (op) => ({ op, name: pickOf(ALLOCATORS, s0), fns: pickOf(ALLOCATOR_FNS, s1) }))
    .with("unregister_allocator", (op) => ({ op, name: pickOf(ALLOCATORS, s0) }))
    .with("run_work", (op) => ({ op }))
    .exhaustive();
};
