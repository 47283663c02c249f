/**
 * One checked system step: apply a command, then check the system properties (checks.ts).
 */
import type { SystemCommand } from "../../hw-model/system/commands.js";
import { GUEST_COMMANDS } from "../../hw-model/system/commands.js";
import type { StepRecord, System } from "../../hw-model/system/system.js";
import { checkIsolation, checkLanding, checkNaming, checkRefcounts, checkVmcsSync, knownPasids, othersSnapshot } from "./checks.js";

/** The set a guest command's VM owns, or undefined for non-guest commands. */
const guestSet = (sys: System, c: SystemCommand): { readonly vm: number; readonly set: number | null } | undefined =>
  GUEST_COMMANDS.has(c.op) && "vm" in c ? { vm: c.vm, set: sys.vms.get(c.vm)?.vmm.set ?? null } : undefined;

/** Apply `c` and check every property; throws a SystemViolation. */
export const checkedSystemStep = (sys: System, c: SystemCommand): StepRecord => {
  const guest = guestSet(sys, c);
  const knownBefore = guest === undefined ? null : knownPasids(sys);
  const before = guest === undefined || knownBefore === null ? "" : othersSnapshot(sys, guest.set, knownBefore);
  const rec = sys.apply(c);
  const known = knownPasids(sys);
  checkRefcounts(sys, known);
  checkNaming(sys);
  checkVmcsSync(sys);
  checkLanding(rec);
  if (guest !== undefined && knownBefore !== null) checkIsolation(before, othersSnapshot(sys, guest.set, knownBefore), guest.vm);
  return rec;
};
