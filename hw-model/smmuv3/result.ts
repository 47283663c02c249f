/**
 * Results and argument checks of the SMMUv3 model.
 *
 * Rules:
 *  1. Operations never throw: bad input or a request the model refuses gives
 *     `{ ok: false, error }` with a message that starts with "smmuv3:" and names what is wrong;
 *     no new state is returned.
 *  2. Ranges: StreamID 0..2^32-1; SSID 0..0xFFFFF (20 bits); ASID 0..0xFFFF; VMID 1..0xFFFF;
 *     S1CDMax 0..20; VM, mm and table ids are non-negative integers.
 */
import type { SmmuState } from "./types.js";

/** A refusal. */
export interface SmmuError {
  readonly ok: false;
  readonly error: string;
}

/** An update's outcome. */
export type SmmuResult = { readonly ok: true; readonly state: SmmuState } | SmmuError;

/** A refusal with `message` (prefixed with "smmuv3: "). */
export const refused = (message: string): SmmuError => ({ ok: false, error: `smmuv3: ${message}` });

/** Is `value` an integer in lo..hi? */
export const inRange = (value: number, lo: number, hi: number): boolean =>
  Number.isInteger(value) && value >= lo && value <= hi;

const check = (what: string, value: number, lo: number, hi: number, range: string): SmmuError | null =>
  inRange(value, lo, hi) ? null : refused(`${what} ${String(value)} is not ${range}`);

/** Largest S1CDMax: SSIDs are 20-bit. */
export const MAX_S1CDMAX = 20;

export const streamIdError = (v: number): SmmuError | null => check("StreamID", v, 0, 0xffffffff, "a 32-bit StreamID");
export const ssidError = (v: number): SmmuError | null => check("SSID", v, 0, 0xfffff, "a 20-bit SubstreamID");
export const asidError = (v: number): SmmuError | null => check("ASID", v, 0, 0xffff, "a 16-bit ASID");
export const vmidError = (v: number): SmmuError | null => check("VMID", v, 1, 0xffff, "a VMID (1..0xffff)");
export const s1CdMaxError = (v: number): SmmuError | null => check("S1CDMax", v, 0, MAX_S1CDMAX, `in 0..${MAX_S1CDMAX}`);
export const idError = (what: string, v: number): SmmuError | null =>
  check(what, v, 0, Number.MAX_SAFE_INTEGER, "a non-negative integer");
