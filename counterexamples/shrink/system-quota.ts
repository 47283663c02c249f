/**
 * A VM's quota that made another step necessary: a trace that creates a VM with a tiny quota
 * (where the generator's shrinking goes) often needs an adjust_quota to raise it before the
 * allocations the bug needs; created with the default quota, the VM needs no raise. Neither
 * change alone shortens the trace (the default quota keeps its length; removing the raise alone
 * refuses an allocation), so they are tried together.
 *
 * Rules:
 *  1. For each vm_create that names a quota and each other step: the trace without that step,
 *     with the vm_create asking for the default quota (no quota field).
 *  2. All tries form one group (renumber.ts: the first that keeps the failure class wins, and
 *     the next pass regenerates the tries from the shorter trace). Every try removes a step, so
 *     the pass terminates.
 */
import type { SystemCommand } from "../../hw-model/system/commands.js";
import type { EditGroup, Try } from "./edits.js";

/** A vm_create asking for the default quota instead of the one it names, or null when it names none. */
const withDefaultQuota = (c: SystemCommand): SystemCommand | null =>
  c.op === "vm_create" && c.quota !== undefined ? { op: "vm_create", vm: c.vm } : null;

/** Rule 1 for the vm_create at step i and the step j removed. */
const dropWithQuota = (i: number, j: number): Try<SystemCommand> => (cmds) => {
  const c = cmds[i];
  const plain = c === undefined ? null : withDefaultQuota(c);
  if (plain === null || j >= cmds.length) return null;
  return cmds.flatMap((x, k) => (k === j ? [] : k === i ? [plain] : [x]));
};

/** Rules 1 and 2. */
export const systemQuotaGroups = (cmds: readonly SystemCommand[]): readonly EditGroup<SystemCommand>[] => {
  const tries = cmds.flatMap((c, i) => (withDefaultQuota(c) === null ? [] : cmds.flatMap((_, j) => (j === i ? [] : [dropWithQuota(i, j)]))));
  return tries.length === 0 ? [] : [tries];
};
