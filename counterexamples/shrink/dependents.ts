/**
 * Removing a step together with everything that depends on it: a set's creation with every
 * command naming the set, an ID's allocation with every command naming the ID, a registration
 * with every later command naming the notifier, a VM's creation or a process's opening with
 * every later command of that VM or process. Delta debugging removes steps one at a time, so it
 * keeps a creation whose uses still matter to each other; this pass removes the whole group.
 *
 * Rules:
 *  1. Dependence is by the values a trace recorded (core: the handle alloc_set returned, the ID
 *     alloc returned) and by names (notifiers, VMs, processes), and it is transitive.
 *  2. Steps are tried from the last to the first; a removal is kept when the class is kept, and
 *     the kept trace is materialized (materialize.ts). Groups of one step are left to ddmin.
 *  3. A reference taken and given back is removed as a pair: a core set_get (or get) with the
 *     first later set_put (or put) of the same set (or set and ID). Either alone changes when
 *     the set or the ID dies, so delta debugging, one step at a time, keeps both.
 */
import type { Command } from "../../api/commands.js";
import type { SystemCommand } from "../../hw-model/system/commands.js";
import type { Trace } from "../trace.js";
import type { Oracle } from "./oracle.js";
import { allSteps, withSteps } from "./steps.js";
import { materialize } from "./materialize.js";

const coreUses = (c: Command, d: Command, value: number | null): boolean => {
  if (d.op === "alloc_set" && value !== null) return "set" in c && c.set === value;
  if (d.op === "alloc" && value !== null) return "id" in c && c.id === value;
  if (d.op === "register_notifier" || d.op === "register_notifier_mm") return "name" in c && c.name === d.name && !(c.op === "register_allocator" || c.op === "unregister_allocator");
  return false;
};

const systemUses = (c: SystemCommand, d: SystemCommand): boolean => {
  if (d.op === "vm_create") return "vm" in c && c.vm === d.vm;
  if (d.op === "proc_open") return "proc" in c && c.proc === d.proc;
  return false;
};

/** Rule 1: step i and every later step depending on it, ascending. */
export const dependentSteps = (t: Trace, i: number): readonly number[] => {
  const group = new Set([i]);
  for (let j = i + 1; j < t.commands.length; j++) {
    for (const k of group) {
      const uses = t.suite === "core"
        ? coreUses(t.commands[j] ?? { op: "run_work" }, t.commands[k] ?? { op: "run_work" }, t.values[k] ?? null)
        : systemUses(t.commands[j] ?? { op: "run_work" }, t.commands[k] ?? { op: "run_work" });
      if (uses) {
        group.add(j);
        break;
      }
    }
  }
  return [...group].sort((a, b) => a - b);
};

/** Rule 3: step i, a get, with the first later put that gives its reference back; else null. */
export const releasePair = (t: Trace, i: number): readonly number[] | null => {
  if (t.suite !== "core") return null;
  const c = t.commands[i];
  if (c === undefined || (c.op !== "set_get" && c.op !== "get")) return null;
  for (let j = i + 1; j < t.commands.length; j++) {
    const d = t.commands[j];
    if (d === undefined) continue;
    if (c.op === "set_get" && d.op === "set_put" && d.set === c.set) return [i, j];
    if (c.op === "get" && d.op === "put" && d.set === c.set && d.id === c.id) return [i, j];
  }
  return null;
};

/** Rule 2 and rule 3. */
export const removeDependents = (start: Trace, oracle: Oracle): Trace => {
  let t = start;
  for (let i = t.commands.length - 1; i >= 0; i--) {
    for (const groupOf of [dependentSteps, releasePair]) {
      if (i >= t.commands.length) break;
      const group = groupOf(t, i);
      if (group === null || group.length < 2) continue;
      const cand = withSteps(t, allSteps(t).filter((k) => !group.includes(k)));
      const r = oracle.run(cand);
      if (!oracle.keepsResult(r)) continue;
      t = materialize(cand, r);
      i = Math.min(i, t.commands.length);
    }
  }
  return t;
};
