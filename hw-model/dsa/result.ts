/**
 * Results and argument checks of the DSA device model.
 *
 * Rules:
 *  1. Operations never throw: bad input or an impossible request gives `{ ok: false, error }`
 *     with a message that starts with "dsa:" and names the argument or the WQ at fault, and
 *     the device is left as it was (no new state is returned).
 *  2. PASIDs are integers in 1..0xFFFFF; device, VM and mdev ids are non-negative integers.
 */
import { MAX_IOASID, MIN_IOASID } from "../../api/constants.js";
import type { DsaDevice, WorkQueue } from "./types.js";

/** A refusal. */
export interface DsaError {
  readonly ok: false;
  readonly error: string;
}

/** An update's outcome: the new device, or why it was refused. */
export type DsaResult = { readonly ok: true; readonly dev: DsaDevice } | DsaError;

/** A refusal with `message` (prefixed with "dsa: "). */
export const refused = (message: string): DsaError => ({ ok: false, error: `dsa: ${message}` });

/** Null when `value` is a PASID (1..0xFFFFF), else the error. */
export const pasidError = (what: string, value: number): DsaError | null =>
  Number.isInteger(value) && value >= MIN_IOASID && value <= MAX_IOASID
    ? null
    : refused(`${what} ${String(value)} is not a PASID (integer 1..0xfffff)`);

/** Null when `value` is a non-negative integer id, else the error. */
export const idError = (what: string, value: number): DsaError | null =>
  Number.isInteger(value) && value >= 0 ? null : refused(`${what} ${String(value)} is not a non-negative integer`);

/** The WQ `wq` of `dev`, or the error naming the WQ range. */
export const findWq = (dev: DsaDevice, wq: number): WorkQueue | DsaError =>
  dev.wqs.get(wq) ?? refused(`device ${dev.device} has no WQ ${String(wq)} (WQs are 0..${dev.wqs.size - 1})`);

/** Is this a refusal (rather than the value looked up)? */
export const isError = <T extends object>(value: T | DsaError): value is DsaError =>
  "ok" in value && value.ok === false;

/** `dev` with `wq` replaced. */
export const withWq = (dev: DsaDevice, wq: WorkQueue): DsaDevice => ({
  ...dev,
  wqs: new Map(dev.wqs).set(wq.id, wq),
});
