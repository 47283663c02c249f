/**
 * Submitting a descriptor to a work queue.
 *
 * Rules:
 *  1. Dedicated WQ: the descriptor runs with the WQ's configured PASID, which must be present
 *     and enabled; a PASID given with the submission is ignored (MOVDIR64B to a dedicated WQ
 *     does not carry one the device uses).
 *  2. Shared WQ: the descriptor runs with the PASID of the ENQCMD payload, which must be given
 *     and be in 1..0xFFFFF (for a guest, it is the host PASID KVM's table produced).
 *  3. Unconfigured WQ: refused.
 *  4. An accepted descriptor is recorded in flight, tagged with its WQ, PASID and the WQ's
 *     current owner, and the result carries the DMA request the device issues for it:
 *     { device: the device's requester id, pasid }.
 */
import type { DmaRequest, DsaDevice, InFlightDescriptor, WqMode } from "./types.js";
import type { DsaError } from "./result.js";
import { findWq, isError, pasidError, refused } from "./result.js";

/** A submission: the WQ and, for a shared WQ, the payload PASID. */
export interface Submission {
  readonly wq: number;
  readonly pasid?: number;
}

/** An accepted submission. */
export interface Submitted {
  readonly ok: true;
  readonly dev: DsaDevice;
  readonly descriptor: InFlightDescriptor;
  readonly request: DmaRequest;
}

/** The PASID the descriptor runs with, or the refusal. */
const pasidFor = (mode: WqMode, wq: number, payload: number | undefined): number | DsaError => {
  switch (mode.kind) {
    case "unconfigured":
      return refused(`WQ ${wq} is not configured`);
    case "dedicated":
      if (mode.config === null) return refused(`dedicated WQ ${wq} has no PASID configured`);
      if (!mode.config.pasidEnabled) return refused(`dedicated WQ ${wq} has PASID ${mode.config.pasid} disabled`);
      return mode.config.pasid;
    case "shared":
      if (payload === undefined) return refused(`shared WQ ${wq} needs the ENQCMD payload PASID`);
      return pasidError(`ENQCMD payload PASID for shared WQ ${wq}`, payload) ?? payload;
  }
};

/** Submit one descriptor. */
export const submitDescriptor = (dev: DsaDevice, submission: Submission): Submitted | DsaError => {
  const q = findWq(dev, submission.wq);
  if (isError(q)) return q;
  const pasid = pasidFor(q.mode, q.id, submission.pasid);
  if (typeof pasid !== "number") return pasid;

  const descriptor: InFlightDescriptor = { id: dev.nextDescriptor, wq: q.id, pasid, owner: q.owner };
  const inFlight = new Map(dev.inFlight).set(descriptor.id, descriptor);
  return {
    ok: true,
    dev: { ...dev, inFlight, nextDescriptor: dev.nextDescriptor + 1 },
    descriptor,
    request: { device: dev.device, pasid },
  };
};
