/**
 * set: point a guest PASID at a host PASID (KVM's vmcs update on BIND).
 *
 * Rules:
 *  1. Both PASIDs must be in 1..0xFFFFF; otherwise the update is refused.
 *  2. The entry becomes valid with the given host PASID. Setting an entry that is already valid
 *     overwrites it, as a write to the table would (the caller may `lookupPasidEntry` first).
 *  3. Setting the entry to the host PASID it already holds returns the same table object.
 *  4. The first entry written in a directory slot creates that slot's leaf.
 */
import type { KvmResult } from "./result.js";
import { pasidError, refused } from "./result.js";
import type { KvmPasidTable, PasidLeaf } from "./table.js";
import { directoryIndex, leafIndex } from "./table.js";

const NO_LEAF: PasidLeaf = new Map<number, number>();

/** Make `gpasid` translate to `hostPasid`. */
export const setPasidEntry = (table: KvmPasidTable, gpasid: number, hostPasid: number): KvmResult => {
  const bad = pasidError("guest PASID", gpasid) ?? pasidError("host PASID", hostPasid);
  if (bad !== null) return refused(bad);

  const slot = directoryIndex(gpasid);
  const index = leafIndex(gpasid);
  const leaf = table.directory.get(slot) ?? NO_LEAF;
  const previous = leaf.get(index);
  if (previous === hostPasid) return { ok: true, table };

  const newLeaf = new Map(leaf).set(index, hostPasid);
  const directory = new Map(table.directory).set(slot, newLeaf);
  const count = previous === undefined ? table.count + 1 : table.count;
  return { ok: true, table: { directory, count } };
};
