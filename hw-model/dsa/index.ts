/**
 * Intel DSA shared by several VMs' mdevs: the public surface of `hw-model/dsa/`.
 *
 * Rules:
 *  1. One immutable `DsaDevice` per device; updates return a new device, reads never change it.
 *  2. Every export is named here explicitly.
 */
export type {
  DmaRequest,
  DsaDevice,
  InFlightDescriptor,
  WorkQueue,
  WqMode,
  WqOwner,
  WqPasidConfig,
} from "./types.js";
export { HOST, ownerName, sameOwner } from "./types.js";
export type { DsaError, DsaResult } from "./result.js";
export type { CreateResult } from "./device.js";
export { MAX_WQS, createDsaDevice, wqsOwnedBy } from "./device.js";
export { clearWqPasid, configureDedicated, configureShared } from "./configure.js";
export type { Submission, Submitted } from "./submit.js";
export { submitDescriptor } from "./submit.js";
export type { Ended } from "./complete.js";
export { abortPasid, completeDescriptor, drainPasid } from "./complete.js";
export { assignWq, unassignWq } from "./assign.js";
export type { DsaCounts, PasidPlace } from "./naming.js";
export { dsaCounts, isQuiet, namedPasids, namesPasid, ownersNaming, placesNaming } from "./naming.js";
