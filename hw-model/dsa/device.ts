/**
 * Creating a DSA device and reading its work queues.
 *
 * Rules:
 *  1. A device is created with its requester id and 1..MAX_WQS work queues, all unconfigured,
 *     owned by the host, with nothing in flight.
 *  2. Reads never change the device.
 */
import type { DsaDevice, WorkQueue, WqOwner } from "./types.js";
import { HOST, sameOwner } from "./types.js";
import type { DsaError } from "./result.js";
import { idError, refused } from "./result.js";

/** Most WQs a device model may have (DSA 1.0 has 8; the model allows a little more). */
export const MAX_WQS = 64;

/** A new device, or why it cannot be made. */
export type CreateResult = { readonly ok: true; readonly dev: DsaDevice } | DsaError;

/** A device with `wqCount` unconfigured host-owned WQs. */
export const createDsaDevice = (device: number, wqCount: number): CreateResult => {
  const bad = idError("device id", device);
  if (bad !== null) return bad;
  if (!Number.isInteger(wqCount) || wqCount < 1 || wqCount > MAX_WQS) {
    return refused(`WQ count ${String(wqCount)} is not an integer in 1..${MAX_WQS}`);
  }
  const wqs = new Map<number, WorkQueue>();
  for (let id = 0; id < wqCount; id++) wqs.set(id, { id, mode: { kind: "unconfigured" }, owner: HOST });
  return { ok: true, dev: { device, wqs, inFlight: new Map(), nextDescriptor: 1 } };
};

/** The WQs owned by `owner`, ascending by id. */
export const wqsOwnedBy = (dev: DsaDevice, owner: WqOwner): readonly WorkQueue[] =>
  [...dev.wqs.values()].filter((q) => sameOwner(q.owner, owner));
