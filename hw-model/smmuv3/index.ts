/**
 * ARM SMMUv3 (stream table, CD tables, nested binding, caches, guest invalidations): the public
 * surface of `hw-model/smmuv3/`.
 *
 * Rules:
 *  1. One immutable `SmmuState`; updates return a new state, reads never change it, and
 *     translation returns the state with its caches filled.
 *  2. Every export is named here explicitly.
 */
export type {
  Cd,
  CdTable,
  CdTableOwner,
  CdTableRef,
  GuestCommand,
  SmmuCommand,
  SmmuState,
  Ste,
  TlbEntry,
  TlbScope,
  VmSpace,
} from "./types.js";
export { HOST_OWNER, HOST_SCOPE, emptySmmu } from "./types.js";
export { cdTableKey, scopeName, tlbKey } from "./keys.js";
export type { SmmuError, SmmuResult } from "./result.js";
export { MAX_S1CDMAX } from "./result.js";
export { assignVmid, releaseVmid, vmHoldingVmid } from "./vmid.js";
export type { SteSpec } from "./stream-table.js";
export { bindGuestCdTable, clearSte, writeSte } from "./stream-table.js";
export type { GuestCd } from "./cd-table.js";
export { guestClearCd, guestWriteCd, hostClearCd, hostWriteCd, readCd } from "./cd-table.js";
export type { DmaOutcome } from "./resolve.js";
export { resolveDma, walkDma } from "./resolve.js";
export { issueCommand } from "./commands.js";
export type { Propagated } from "./guest.js";
export { destroyGuest, discardGuestQueue, guestInvalidate, guestQueue, propagate } from "./guest.js";
export type { SmmuCounts, SsidPlace } from "./naming.js";
export { isSmmuEmpty, namedSsids, placesReaching, smmuCounts } from "./naming.js";
