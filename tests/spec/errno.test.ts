/**
 * Every errno path of every action: the expected errno, no event, and the state unchanged.
 */
import { describe, expect, it } from "vitest";
import { isDeepStrictEqual } from "node:util";
import type { Command } from "../../api/commands.js";
import type { Errno } from "../../api/errno.js";
import { worldStep } from "../../spec/world.js";
import { c, runAll } from "./run.js";

interface Case {
  readonly name: string;
  readonly setup: readonly Command[];
  readonly cmd: Command;
  readonly errno: Errno;
}

const set1 = [c.nullSet(2)];
const id1 = [...set1, c.alloc(1)];
const twoSets = [c.nullSet(4), c.nullSet(4, 7), c.alloc(1), c.alloc(2)];
const pending = [...id1, c.get(1, 1), c.free(1, 1)];
const dying = [c.nullSet(2), c.alloc(1), c.get(1, 1), c.setPut(1)];
const bad = [0, -1, 1.5, Number.NaN, 0x100000, 0xffffffff];

const cases: readonly Case[] = [
  // alloc_set
  { name: "alloc_set quota 0", setup: [], cmd: c.nullSet(0), errno: "EINVAL" },
  { name: "alloc_set fractional quota", setup: [], cmd: c.nullSet(1.5), errno: "EINVAL" },
  { name: "alloc_set mm 0", setup: [], cmd: c.mmSet(0), errno: "EINVAL" },
  { name: "alloc_set negative null token", setup: [], cmd: c.nullSet(1, -1), errno: "EINVAL" },
  { name: "alloc_set duplicate mm", setup: [c.mmSet(5)], cmd: c.mmSet(5), errno: "EEXIST" },
  { name: "alloc_set mm of a dying set", setup: [c.mmSet(5), c.alloc(1), c.get(1, 1), c.setPut(1)], cmd: c.mmSet(5), errno: "EEXIST" },
  { name: "alloc_set beyond capacity", setup: [c.nullSet(60)], cmd: c.nullSet(5), errno: "ENOSPC" },
  // adjust_set
  { name: "adjust_set quota 0", setup: set1, cmd: { op: "adjust_set", set: 1, quota: 0 }, errno: "EINVAL" },
  { name: "adjust_set unknown set", setup: set1, cmd: { op: "adjust_set", set: 9, quota: 3 }, errno: "EINVAL" },
  { name: "adjust_set dying set", setup: dying, cmd: { op: "adjust_set", set: 1, quota: 3 }, errno: "ENOENT" },
  { name: "adjust_set below held", setup: [...id1, c.alloc(1)], cmd: { op: "adjust_set", set: 1, quota: 1 }, errno: "EBUSY" },
  { name: "adjust_set below held (pending counts)", setup: [...pending, c.alloc(1)], cmd: { op: "adjust_set", set: 1, quota: 1 }, errno: "EBUSY" },
  { name: "adjust_set beyond capacity", setup: [c.nullSet(60), c.nullSet(2)], cmd: { op: "adjust_set", set: 2, quota: 5 }, errno: "ENOSPC" },
  // set_get / set_put and locked twins
  { name: "set_get unknown", setup: [], cmd: { op: "set_get", set: 1 }, errno: "EINVAL" },
  { name: "set_get dying", setup: dying, cmd: { op: "set_get", set: 1 }, errno: "ENOENT" },
  { name: "set_put dying", setup: dying, cmd: c.setPut(1), errno: "ENOENT" },
  { name: "set_put unknown", setup: [], cmd: c.setPut(3), errno: "EINVAL" },
  { name: "set_get_locked outside a handler", setup: set1, cmd: { op: "set_get_locked", set: 1 }, errno: "EINVAL" },
  { name: "set_put_locked outside a handler", setup: set1, cmd: { op: "set_put_locked", set: 1 }, errno: "EINVAL" },
  // for_each_ioasid
  { name: "for_each unknown set", setup: [], cmd: { op: "for_each_ioasid", set: 1 }, errno: "EINVAL" },
  { name: "for_each dying set", setup: dying, cmd: { op: "for_each_ioasid", set: 1 }, errno: "ENOENT" },
  // alloc
  ...bad.map((v): Case => ({ name: `alloc min ${v}`, setup: set1, cmd: c.alloc(1, v, 10), errno: "EINVAL" })),
  { name: "alloc min > max", setup: set1, cmd: c.alloc(1, 5, 4), errno: "EINVAL" },
  { name: "alloc unknown set", setup: set1, cmd: c.alloc(2), errno: "EINVAL" },
  { name: "alloc dying set", setup: dying, cmd: c.alloc(1), errno: "ENOENT" },
  { name: "alloc over quota", setup: [...id1, c.alloc(1)], cmd: c.alloc(1), errno: "EDQUOT" },
  { name: "alloc over quota (pending counts)", setup: [...pending, c.alloc(1)], cmd: c.alloc(1), errno: "EDQUOT" },
  { name: "alloc range full", setup: [c.nullSet(4), c.alloc(1, 3, 3)], cmd: c.alloc(1, 3, 3), errno: "ENOSPC" },
  { name: "alloc range held by a pending ID", setup: [c.nullSet(4), c.alloc(1, 3, 3), c.get(1, 3), c.free(1, 3)], cmd: c.alloc(1, 3, 3), errno: "ENOSPC" },
  // free
  ...bad.map((v): Case => ({ name: `free id ${v}`, setup: id1, cmd: c.free(1, v), errno: "EINVAL" })),
  { name: "free unknown ID", setup: id1, cmd: c.free(1, 2), errno: "ENOENT" },
  { name: "free through another set", setup: twoSets, cmd: c.free(2, 1), errno: "EACCES" },
  { name: "free through the null set", setup: id1, cmd: c.free(null, 1), errno: "EACCES" },
  { name: "free through an unknown set", setup: id1, cmd: c.free(5, 1), errno: "EINVAL" },
  // get / put and locked twins
  { name: "get unknown", setup: id1, cmd: c.get(1, 2), errno: "ENOENT" },
  { name: "get FREE_PENDING", setup: pending, cmd: c.get(1, 1), errno: "ENOENT" },
  { name: "get FREE_PENDING through the null set", setup: pending, cmd: c.get(null, 1), errno: "ENOENT" },
  { name: "get another set's ID", setup: twoSets, cmd: c.get(2, 1), errno: "EACCES" },
  { name: "get another set's FREE_PENDING ID", setup: [...twoSets, c.get(1, 1), c.free(1, 1)], cmd: c.get(2, 1), errno: "EACCES" },
  { name: "get id 0", setup: id1, cmd: c.get(1, 0), errno: "EINVAL" },
  { name: "get_locked outside a handler", setup: id1, cmd: { op: "get_locked", set: 1, id: 1 }, errno: "EINVAL" },
  { name: "put that would drop the allocation's reference", setup: id1, cmd: c.put(1, 1), errno: "EINVAL" },
  { name: "put unknown", setup: id1, cmd: c.put(1, 9), errno: "ENOENT" },
  { name: "put another set's ID", setup: [...twoSets, c.get(1, 1)], cmd: c.put(2, 1), errno: "EACCES" },
  { name: "put_locked outside a handler", setup: [...id1, c.get(1, 1)], cmd: { op: "put_locked", set: 1, id: 1 }, errno: "EINVAL" },
  // find
  { name: "find FREE_PENDING", setup: pending, cmd: { op: "find", set: 1, id: 1, getter: "none" }, errno: "ENOENT" },
  { name: "find with a refusing getter", setup: id1, cmd: { op: "find", set: 1, id: 1, getter: "reject" }, errno: "ENOENT" },
  { name: "find another set's ID", setup: twoSets, cmd: { op: "find", set: 1, id: 2, getter: "none" }, errno: "EACCES" },
  { name: "find unknown", setup: id1, cmd: { op: "find", set: null, id: 7, getter: "none" }, errno: "ENOENT" },
  // attach_data
  { name: "attach_data through the null set", setup: id1, cmd: { op: "attach_data", set: null, id: 1, data: "x" }, errno: "EACCES" },
  { name: "attach_data FREE_PENDING", setup: pending, cmd: { op: "attach_data", set: 1, id: 1, data: "x" }, errno: "ENOENT" },
  // attach_spid / detach_spid
  { name: "attach_spid spid 0", setup: id1, cmd: c.spid(1, 1, 0), errno: "EINVAL" },
  { name: "attach_spid spid 0x100000", setup: id1, cmd: c.spid(1, 1, 0x100000), errno: "EINVAL" },
  { name: "attach_spid second SPID", setup: [...id1, c.spid(1, 1, 5)], cmd: c.spid(1, 1, 6), errno: "EBUSY" },
  { name: "attach_spid SPID in use", setup: [...id1, c.alloc(1), c.spid(1, 1, 5)], cmd: c.spid(1, 2, 5), errno: "EEXIST" },
  { name: "attach_spid FREE_PENDING", setup: pending, cmd: c.spid(1, 1, 5), errno: "ENOENT" },
  { name: "attach_spid another set's ID", setup: twoSets, cmd: c.spid(2, 1, 5), errno: "EACCES" },
  { name: "attach_spid through the null set", setup: id1, cmd: c.spid(null, 1, 5), errno: "EACCES" },
  { name: "detach_spid without SPID", setup: id1, cmd: { op: "detach_spid", set: 1, id: 1 }, errno: "ENOENT" },
  // find_by_spid
  { name: "find_by_spid unknown SPID", setup: id1, cmd: c.bySpid(1, 5), errno: "ENOENT" },
  { name: "find_by_spid null set", setup: [...id1, c.spid(1, 1, 5)], cmd: c.bySpid(null, 5), errno: "EINVAL" },
  { name: "find_by_spid another set's SPID", setup: [...twoSets, c.spid(1, 1, 5)], cmd: c.bySpid(2, 5), errno: "ENOENT" },
  { name: "find_by_spid of a FREE_PENDING ID", setup: [...id1, c.spid(1, 1, 5), c.get(1, 1), c.free(1, 1)], cmd: c.bySpid(1, 5), errno: "ENOENT" },
  { name: "find_by_spid spid NaN", setup: id1, cmd: c.bySpid(1, Number.NaN), errno: "EINVAL" },
  // notifiers
  { name: "register_notifier empty name", setup: [], cmd: c.nb(null, "", "CPU"), errno: "EINVAL" },
  { name: "register_notifier name in use", setup: [c.nb(null, "kvm", "CPU")], cmd: c.nb(null, "kvm", "LAST"), errno: "EEXIST" },
  { name: "register_notifier name pending on an mm", setup: [c.nbMm(3, "kvm", "CPU")], cmd: c.nb(null, "kvm", "CPU"), errno: "EEXIST" },
  { name: "register_notifier unknown set", setup: [], cmd: c.nb(4, "kvm", "CPU"), errno: "EINVAL" },
  { name: "register_notifier dying set", setup: dying, cmd: c.nb(1, "kvm", "CPU"), errno: "ENOENT" },
  { name: "register_notifier non-empty MM set", setup: [c.mmSet(3), c.alloc(1)], cmd: c.nb(1, "kvm", "CPU"), errno: "EBUSY" },
  { name: "register_notifier_mm non-empty MM set", setup: [c.mmSet(3), c.alloc(1)], cmd: c.nbMm(3, "kvm", "CPU"), errno: "EBUSY" },
  { name: "register_notifier_mm MM set with only a pending ID", setup: [c.mmSet(3), c.alloc(1), c.get(1, 1), c.free(1, 1)], cmd: c.nbMm(3, "kvm", "CPU"), errno: "EBUSY" },
  { name: "register_notifier_mm mm 0", setup: [], cmd: c.nbMm(0, "kvm", "CPU"), errno: "EINVAL" },
  { name: "register_notifier_mm name in use", setup: [c.nb(null, "kvm", "CPU")], cmd: c.nbMm(3, "kvm", "CPU"), errno: "EEXIST" },
  { name: "unregister_notifier not registered", setup: [], cmd: { op: "unregister_notifier", set: null, name: "x" }, errno: "ENOENT" },
  { name: "unregister_notifier wrong scope", setup: [c.mmSet(3), c.nbMm(3, "kvm", "CPU")], cmd: { op: "unregister_notifier", set: 1, name: "kvm" }, errno: "ENOENT" },
  { name: "unregister_notifier unknown set", setup: [], cmd: { op: "unregister_notifier", set: 2, name: "x" }, errno: "EINVAL" },
  { name: "unregister_notifier_mm not registered", setup: [], cmd: { op: "unregister_notifier_mm", mm: 3, name: "x" }, errno: "ENOENT" },
  { name: "unregister_notifier_mm mm -1", setup: [], cmd: { op: "unregister_notifier_mm", mm: -1, name: "x" }, errno: "EINVAL" },
  // notify
  { name: "notify ALLOC", setup: id1, cmd: c.notify(1, 1, "ALLOC"), errno: "EINVAL" },
  { name: "notify FREE", setup: id1, cmd: c.notify(1, 1, "FREE"), errno: "EINVAL" },
  { name: "notify UNBIND without BIND", setup: id1, cmd: c.notify(1, 1, "UNBIND"), errno: "EINVAL" },
  { name: "notify BIND on FREE_PENDING", setup: pending, cmd: c.notify(null, 1, "BIND"), errno: "ENOENT" },
  { name: "notify BIND on another set's ID", setup: twoSets, cmd: c.notify(2, 1, "BIND"), errno: "EACCES" },
  { name: "notify unknown ID", setup: id1, cmd: c.notify(null, 3, "BIND"), errno: "ENOENT" },
  // custom allocators
  { name: "register_allocator twice", setup: [{ op: "register_allocator", name: "a", fns: "f" }], cmd: { op: "register_allocator", name: "a", fns: "g" }, errno: "EEXIST" },
  { name: "register_allocator with default IDs outstanding", setup: id1, cmd: { op: "register_allocator", name: "a", fns: "f" }, errno: "EAGAIN" },
  { name: "register_allocator with a default ID pending", setup: pending, cmd: { op: "register_allocator", name: "a", fns: "f" }, errno: "EAGAIN" },
  { name: "register_allocator empty name", setup: [], cmd: { op: "register_allocator", name: "", fns: "f" }, errno: "EINVAL" },
  { name: "unregister_allocator unknown", setup: [], cmd: { op: "unregister_allocator", name: "a" }, errno: "ENOENT" },
  { name: "unregister_allocator last sharer with IDs", setup: [{ op: "register_allocator", name: "a", fns: "f" }, ...id1], cmd: { op: "unregister_allocator", name: "a" }, errno: "EBUSY" },
];

describe("every errno leaves the state unchanged", () => {
  it.each(cases.map((k) => [k.name, k] as const))("%s", (_name, k) => {
    const { world } = runAll(k.setup);
    const next = worldStep(world, k.cmd);
    expect(next.outcome.result).toEqual({ ok: false, errno: k.errno });
    expect(next.outcome.events).toEqual([]);
    expect(isDeepStrictEqual(next.world, world)).toBe(true);
  });

  it("covers every errno the core can return except EDEADLK (tested in handler context)", () => {
    const seen = new Set(cases.map((k) => k.errno));
    expect([...seen].sort()).toEqual(["EACCES", "EAGAIN", "EBUSY", "EDQUOT", "EEXIST", "EINVAL", "ENOENT", "ENOSPC"]);
  });
});
