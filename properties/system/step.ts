/**
 * One checked system step: apply a command, then check the system properties (checks.ts,
 * flags.ts, quota.ts).
 *
 * Rules:
 *  1. What the properties judge against is read before the command runs: the IDs outside a
 *     guest's set (isolation) and what a quota-bound command must answer (quota).
 *  2. After the command, on the state it left: refcounts, naming, hardware flags, VMCS sync,
 *     landing of its DMA, its quota answer, isolation; the first broken one throws.
 *  3. Every property is checked in full after every command (no incremental shortcut); the
 *     system is surveyed once per command (checks.ts rule 7): the survey before a command is
 *     the one taken after the previous one.
 */
import type { SystemCommand } from "../../hw-model/system/commands.js";
import { GUEST_COMMANDS } from "../../hw-model/system/commands.js";
import type { StepRecord, System } from "../../hw-model/system/system.js";
import { checkIsolation, checkLanding, checkNaming, checkRefcounts, checkVmcsSync, othersSnapshot, surveyNow } from "./checks.js";
import { checkFlags } from "./flags.js";
import { checkQuota, expectQuota, quotaView } from "./quota.js";

/** The set a guest command's VM owns, or undefined for non-guest commands. */
const guestSet = (sys: System, c: SystemCommand): { readonly vm: number; readonly set: number | null } | undefined =>
  GUEST_COMMANDS.has(c.op) && "vm" in c ? { vm: c.vm, set: sys.vms.get(c.vm)?.vmm.set ?? null } : undefined;

/** Commands whose answer the quota property judges. */
const QUOTA_BOUND: ReadonlySet<SystemCommand["op"]> = new Set<SystemCommand["op"]>(["vcmd_alloc", "vm_create", "adjust_quota", "proc_open"]);

/** Apply `c` and check every property; throws a SystemViolation. */
export const checkedSystemStep = (sys: System, c: SystemCommand): StepRecord => {
  const guest = guestSet(sys, c);
  const quotaBound = QUOTA_BOUND.has(c.op);
  const knownBefore = guest === undefined && !quotaBound ? null : surveyNow(sys).known;
  const before = guest === undefined || knownBefore === null ? [] : othersSnapshot(sys, guest.set, knownBefore);
  const expected = quotaBound && knownBefore !== null ? expectQuota(sys, c, quotaView(sys, knownBefore)) : null;
  const rec = sys.apply(c);
  const after = surveyNow(sys);
  checkRefcounts(sys, after.known, after.totals);
  checkNaming(sys, after.vtd, after.dsa);
  checkFlags(sys, after.dsa);
  checkVmcsSync(sys);
  checkLanding(rec);
  checkQuota(expected, rec);
  if (guest !== undefined && knownBefore !== null) checkIsolation(before, othersSnapshot(sys, guest.set, knownBefore), guest.vm);
  return rec;
};
