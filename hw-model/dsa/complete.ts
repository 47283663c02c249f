/**
 * Ending in-flight work: one descriptor completes, or every descriptor of a PASID is drained
 * (completes) or aborted (dropped) by the device's Drain PASID / Abort PASID commands.
 *
 * Rules:
 *  1. `completeDescriptor` removes one in-flight descriptor; an unknown id is refused.
 *  2. `drainPasid` and `abortPasid` act on every WQ of the device: afterwards no in-flight
 *     descriptor carries the PASID. Drained descriptors have done their DMA; aborted ones never
 *     will. Either way the device stops naming the PASID in flight; its WQ configurations are
 *     untouched (clear them with `clearWqPasid`).
 *  3. Draining or aborting a PASID with nothing in flight succeeds and returns the same device.
 *  4. The removed descriptors are returned in submission order.
 */
import type { DsaDevice, InFlightDescriptor } from "./types.js";
import type { DsaError } from "./result.js";
import { pasidError, refused } from "./result.js";

/** In-flight work ended: the new device and the descriptors that left. */
export interface Ended {
  readonly ok: true;
  readonly dev: DsaDevice;
  readonly removed: readonly InFlightDescriptor[];
  /** Completed: their DMA was done. Aborted: it never will be. */
  readonly how: "completed" | "aborted";
}

/** Complete descriptor `id`. */
export const completeDescriptor = (dev: DsaDevice, id: number): Ended | DsaError => {
  const d = dev.inFlight.get(id);
  if (d === undefined) return refused(`device ${dev.device} has no descriptor ${String(id)} in flight`);
  const inFlight = new Map(dev.inFlight);
  inFlight.delete(id);
  return { ok: true, dev: { ...dev, inFlight }, removed: [d], how: "completed" };
};

/** Remove every in-flight descriptor carrying `pasid`. */
const endPasid = (dev: DsaDevice, pasid: number, how: Ended["how"]): Ended | DsaError => {
  const bad = pasidError("PASID", pasid);
  if (bad !== null) return bad;
  const removed: InFlightDescriptor[] = [];
  for (const d of dev.inFlight.values()) if (d.pasid === pasid) removed.push(d);
  if (removed.length === 0) return { ok: true, dev, removed, how };
  const inFlight = new Map(dev.inFlight);
  for (const d of removed) inFlight.delete(d.id);
  return { ok: true, dev: { ...dev, inFlight }, removed, how };
};

/** Drain PASID: in-flight descriptors with `pasid` complete. */
export const drainPasid = (dev: DsaDevice, pasid: number): Ended | DsaError => endPasid(dev, pasid, "completed");

/** Abort PASID: in-flight descriptors with `pasid` are dropped. */
export const abortPasid = (dev: DsaDevice, pasid: number): Ended | DsaError => endPasid(dev, pasid, "aborted");
