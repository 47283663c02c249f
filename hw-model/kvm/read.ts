/**
 * Reading the table: one entry, every valid entry, how many there are.
 *
 * Rules:
 *  1. Reads never change the table.
 *  2. A lookup of a PASID outside 1..0xFFFFF is refused with an error (no entry can exist there).
 *  3. `pasidEntries` lists valid entries only, by ascending guest PASID; it is what a leak or
 *     cross-reuse check inspects (every host PASID the VM's ENQCMD can still reach);
 *     `forEachPasidEntry` visits the same entries in table order, without building a list.
 */
import { pasidError } from "./result.js";
import type { KvmPasidTable, PasidEntry } from "./table.js";
import { INVALID_ENTRY, LEAF_BITS, directoryIndex, leafIndex } from "./table.js";

/** The result of a lookup: the entry as the CPU reads it, or a bad argument. */
export type LookupResult =
  | { readonly ok: true; readonly entry: PasidEntry }
  | { readonly ok: false; readonly error: string };

/** One valid translation. */
export interface PasidTranslation {
  readonly gpasid: number;
  readonly hostPasid: number;
}

/** The host PASID `gpasid` maps to, or undefined; no range check (callers check first). */
export const hostPasidOf = (table: KvmPasidTable, gpasid: number): number | undefined =>
  table.directory.get(directoryIndex(gpasid))?.get(leafIndex(gpasid));

/** The entry of `gpasid` (the all-zero entry when absent). */
export const lookupPasidEntry = (table: KvmPasidTable, gpasid: number): LookupResult => {
  const bad = pasidError("guest PASID", gpasid);
  if (bad !== null) return { ok: false, error: bad };
  const hostPasid = hostPasidOf(table, gpasid);
  return { ok: true, entry: hostPasid === undefined ? INVALID_ENTRY : { valid: true, hostPasid } };
};

/** Every valid translation, by ascending guest PASID. */
export const pasidEntries = (table: KvmPasidTable): readonly PasidTranslation[] => {
  const out: PasidTranslation[] = [];
  for (const [slot, leaf] of table.directory) {
    for (const [index, hostPasid] of leaf) out.push({ gpasid: (slot << LEAF_BITS) | index, hostPasid });
  }
  return out.sort((a, b) => a.gpasid - b.gpasid);
};

/** Call `f` on every valid translation, in table order (no allocation: the property checks' hot path). */
export const forEachPasidEntry = (table: KvmPasidTable, f: (gpasid: number, hostPasid: number) => void): void => {
  table.directory.forEach((leaf, slot) => leaf.forEach((hostPasid, index) => f((slot << LEAF_BITS) | index, hostPasid)));
};

/** Number of valid entries. */
export const pasidEntryCount = (table: KvmPasidTable): number => table.count;

/** Guest PASIDs whose entry names `hostPasid` (normally at most one), ascending. */
export const guestPasidsNaming = (table: KvmPasidTable, hostPasid: number): readonly number[] =>
  pasidEntries(table).filter((e) => e.hostPasid === hostPasid).map((e) => e.gpasid);
