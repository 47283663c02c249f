/**
 * One checked system step: apply a command, then check the system properties (checks.ts).
 */
import type { SystemCommand } from "../../hw-model/system/commands.js";
import { GUEST_COMMANDS } from "../../hw-model/system/commands.js";
import type { StepRecord, System } from "../../hw-model/system/system.js";
import { checkIsolation, checkLanding, checkNaming, checkRefcounts, checkVmcsSync, othersSnapshot } from "./checks.js";

/** The set a guest command's VM owns, or undefined for non-guest commands. */
const guestSet = (sys: System, c: SystemCommand): { readonly vm: number; readonly set: number | null } | undefined =>
  GUEST_COMMANDS.has(c.op) && "vm" in c ? { vm: c.vm, set: sys.vms.get(c.vm)?.vmm.set ?? null } : undefined;

/** Apply `c` and check every property; throws a SystemViolation. */
export const checkedSystemStep = (sys: System, c: SystemCommand): StepRecord => {
  const guest = guestSet(sys, c);
  const before = guest === undefined ? "" : othersSnapshot(sys, guest.set);
  const rec = sys.apply(c);
  checkRefcounts(sys);
  checkNaming(sys);
  checkVmcsSync(sys);
  checkLanding(rec);
  if (guest !== undefined) checkIsolation(before, othersSnapshot(sys, guest.set), guest.vm);
  return rec;
};
