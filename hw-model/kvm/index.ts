/**
 * KVM/VMX guest-to-host PASID translation for ENQCMD: the public surface of `hw-model/kvm/`.
 *
 * Rules:
 *  1. One immutable table per VM; updates return a new table (`KvmResult`), reads never change it.
 *  2. Every export is named here explicitly.
 */
export type { KvmPasidTable, PasidEntry, PasidLeaf } from "./table.js";
export {
  DIRECTORY_SLOTS,
  INVALID_ENTRY,
  LEAF_BITS,
  LEAF_ENTRIES,
  directoryIndex,
  emptyPasidTable,
  leafIndex,
  presentLeaves,
} from "./table.js";
export type { KvmResult } from "./result.js";
export { isPasid } from "./result.js";
export { setPasidEntry } from "./set-entry.js";
export { clearPasidEntry } from "./clear-entry.js";
export type { LookupResult, PasidTranslation } from "./read.js";
export { forEachPasidEntry, guestPasidsNaming, hostPasidOf, lookupPasidEntry, pasidEntries, pasidEntryCount } from "./read.js";
export type { EnqcmdExitReason, EnqcmdOutcome } from "./enqcmd.js";
export { enqcmd } from "./enqcmd.js";
