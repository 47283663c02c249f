/**
 * Results and argument checks of the KVM PASID translation table.
 *
 * Rules:
 *  1. Operations never throw: bad input gives `{ ok: false, error }`, the error naming the
 *     argument and the accepted range, and no new table.
 *  2. PASIDs, guest or host, are 20-bit and non-zero: integers in 1..0xFFFFF (0 means "no
 *     PASID" and can never be translated).
 */
import { MAX_IOASID, MIN_IOASID } from "../../api/constants.js";
import type { KvmPasidTable } from "./table.js";

/** An update's outcome: the new table, or why the update was refused. */
export type KvmResult =
  | { readonly ok: true; readonly table: KvmPasidTable }
  | { readonly ok: false; readonly error: string };

/** Is `value` a PASID that may appear in the table (1..0xFFFFF)? */
export const isPasid = (value: number): boolean =>
  Number.isInteger(value) && value >= MIN_IOASID && value <= MAX_IOASID;

/** Null when `value` is a valid PASID, else an error naming `what` (e.g. "guest PASID"). */
export const pasidError = (what: string, value: number): string | null =>
  isPasid(value) ? null : `kvm: ${what} ${String(value)} is not a PASID (integer 1..0xfffff)`;

/** A refused update. */
export const refused = (error: string): KvmResult => ({ ok: false, error });
