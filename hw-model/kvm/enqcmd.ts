/**
 * ENQCMD issued by a guest: the CPU rewrites the guest PASID of the payload through the VM's
 * table, or exits to the hypervisor.
 *
 * Rules:
 *  1. A valid entry translates: the work is submitted with the entry's host PASID.
 *  2. Otherwise the instruction exits to the hypervisor, and the reason says which level was
 *     missing: no leaf for the directory slot, or an invalid entry in a present leaf.
 *  3. A guest PASID outside 1..0xFFFFF exits too (reason "pasid-out-of-range"): a guest can put
 *     any value in its PASID MSR, and the CPU never translates it.
 *  4. ENQCMD only reads the table.
 */
import { isPasid } from "./result.js";
import type { KvmPasidTable } from "./table.js";
import { directoryIndex, leafIndex } from "./table.js";

/** Why ENQCMD exited. */
export type EnqcmdExitReason = "pasid-out-of-range" | "no-leaf" | "entry-invalid";

/** What the CPU did with a guest ENQCMD. */
export type EnqcmdOutcome =
  | { readonly kind: "translated"; readonly hostPasid: number }
  | { readonly kind: "exit"; readonly reason: EnqcmdExitReason; readonly detail: string };

/** Run a guest ENQCMD whose payload carries `gpasid`. */
export const enqcmd = (table: KvmPasidTable, gpasid: number): EnqcmdOutcome => {
  if (!isPasid(gpasid)) {
    return { kind: "exit", reason: "pasid-out-of-range", detail: `guest PASID ${String(gpasid)} is not in 1..0xfffff` };
  }
  const slot = directoryIndex(gpasid);
  const leaf = table.directory.get(slot);
  if (leaf === undefined) {
    return { kind: "exit", reason: "no-leaf", detail: `guest PASID ${gpasid}: directory slot ${slot} has no leaf` };
  }
  const hostPasid = leaf.get(leafIndex(gpasid));
  if (hostPasid === undefined) {
    return { kind: "exit", reason: "entry-invalid", detail: `guest PASID ${gpasid}: entry ${leafIndex(gpasid)} of leaf ${slot} is not valid` };
  }
  return { kind: "translated", hostPasid };
};
