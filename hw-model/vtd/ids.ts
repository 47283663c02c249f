/**
 * Identifiers of the VT-d model: devices, PASIDs and domain IDs, and how a PASID indexes the
 * two-level PASID structure.
 *
 * Rules:
 *  1. A PASID used by a table or cache is an integer in 1..0xFFFFF. PASID 0 stands for requests
 *     without a PASID and never indexes a PASID table in this model.
 *  2. A PASID splits in two: bits 19:6 select one of 2^14 PASID-directory entries and bits 5:0
 *     select one of the 64 entries of the PASID table that directory entry points to.
 *  3. A domain ID (DID) is an integer in 1..0xFFFF; 0 is reserved.
 *  4. A device is named by a string or a number; 1 and "1" are two different devices.
 */
import { MAX_IOASID, MIN_IOASID } from "../../api/constants.js";

/** A device (requester) behind the IOMMU. */
export type DeviceId = string | number;

/** Entries in a PASID directory (PASID bits 19:6). */
export const PASID_DIRECTORY_ENTRIES = 1 << 14;
/** Entries in one PASID table (PASID bits 5:0). */
export const PASID_TABLE_ENTRIES = 64;
/** Largest domain ID (16 bits). */
export const MAX_DID = 0xffff;

/** Why `pasid` cannot index a PASID table, or null when it can. */
export const pasidError = (pasid: number): string | null =>
  Number.isInteger(pasid) && pasid >= MIN_IOASID && pasid <= MAX_IOASID
    ? null
    : `PASID ${String(pasid)} is outside 1..0xFFFFF (0 means "no PASID" and has no table entry)`;

/** Why `did` is not a usable domain ID, or null when it is. */
export const didError = (did: number): string | null =>
  Number.isInteger(did) && did >= 1 && did <= MAX_DID
    ? null
    : `domain ID ${String(did)} is outside 1..0xFFFF (0 is reserved)`;

/** The PASID-directory slot of a valid PASID (bits 19:6). */
export const directoryIndex = (pasid: number): number => pasid >>> 6;

/** The PASID-table slot of a valid PASID (bits 5:0). */
export const tableIndex = (pasid: number): number => pasid & (PASID_TABLE_ENTRIES - 1);

/** The PASID held by a directory slot and a table slot. */
export const pasidAt = (directory: number, table: number): number =>
  directory * PASID_TABLE_ENTRIES + table;

/** A readable device name for messages. */
export const deviceName = (device: DeviceId): string =>
  typeof device === "string" ? `device "${device}"` : `device ${String(device)}`;
