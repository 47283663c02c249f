/**
 * clear: invalidate a guest PASID's entry (KVM's vmcs update on UNBIND or FREE).
 *
 * Rules:
 *  1. The guest PASID must be in 1..0xFFFFF; otherwise the update is refused.
 *  2. The entry reads as the all-zero entry afterwards. Clearing an entry that is not valid is
 *     a successful no-op and returns the same table object.
 *  3. Clearing the last entry of a leaf frees the leaf.
 */
import type { KvmResult } from "./result.js";
import { pasidError, refused } from "./result.js";
import type { KvmPasidTable } from "./table.js";
import { directoryIndex, leafIndex } from "./table.js";

/** Make `gpasid` exit to the hypervisor again. */
export const clearPasidEntry = (table: KvmPasidTable, gpasid: number): KvmResult => {
  const bad = pasidError("guest PASID", gpasid);
  if (bad !== null) return refused(bad);

  const slot = directoryIndex(gpasid);
  const index = leafIndex(gpasid);
  const leaf = table.directory.get(slot);
  if (leaf === undefined || !leaf.has(index)) return { ok: true, table };

  const directory = new Map(table.directory);
  if (leaf.size === 1) {
    directory.delete(slot);
  } else {
    const newLeaf = new Map(leaf);
    newLeaf.delete(index);
    directory.set(slot, newLeaf);
  }
  return { ok: true, table: { directory, count: table.count - 1 } };
};
