/**
 * The state of one Intel DSA device: its work queues, who owns each, and the descriptors in flight.
 *
 * Rules:
 *  1. The device has a fixed number of work queues (WQs), numbered 0..n-1 at creation.
 *  2. Each WQ has one owner: the host, or one mdev of one VM (the VDCM composes mdevs out of WQs).
 *     A new WQ belongs to the host.
 *  3. A WQ is unconfigured, dedicated, or shared. A dedicated WQ carries a PASID configuration
 *     (pasid, pasid-enable, privileged) or none (cleared); a shared WQ carries no PASID: each
 *     ENQCMD brings its own in the payload.
 *  4. Every DMA request the device issues carries the device's own id, whichever mdev the WQ
 *     belongs to: the PASID table behind it is one per device, shared by every mdev.
 *  5. An in-flight descriptor keeps the PASID and owner it was submitted with, whatever later
 *     happens to its WQ's configuration or owner, until it completes or is aborted.
 *  6. Descriptor ids are never reused (`nextDescriptor` only grows).
 */

/** Who a WQ is assigned to. */
export type WqOwner =
  | { readonly kind: "host" }
  | { readonly kind: "mdev"; readonly vm: number; readonly mdev: number };

/** The PASID configuration of a dedicated WQ. */
export interface WqPasidConfig {
  readonly pasid: number;
  readonly pasidEnabled: boolean;
  readonly privileged: boolean;
}

/** How a WQ takes work. */
export type WqMode =
  | { readonly kind: "unconfigured" }
  | { readonly kind: "dedicated"; readonly config: WqPasidConfig | null }
  | { readonly kind: "shared" };

/** One work queue. */
export interface WorkQueue {
  readonly id: number;
  readonly mode: WqMode;
  readonly owner: WqOwner;
}

/** A descriptor accepted by a WQ and not yet completed or aborted. */
export interface InFlightDescriptor {
  readonly id: number;
  readonly wq: number;
  readonly pasid: number;
  /** The WQ's owner when the descriptor was submitted. */
  readonly owner: WqOwner;
}

/** The DMA request the device issues for a descriptor; the IOMMU model resolves it. */
export interface DmaRequest {
  readonly device: number;
  readonly pasid: number;
}

/** One DSA device. */
export interface DsaDevice {
  /** The requester id every DMA of this device carries (rule 4). */
  readonly device: number;
  /** WQ id -> WQ; keys are exactly 0..n-1 (rule 1). */
  readonly wqs: ReadonlyMap<number, WorkQueue>;
  /** Descriptor id -> descriptor, in submission order. */
  readonly inFlight: ReadonlyMap<number, InFlightDescriptor>;
  /** The id the next submitted descriptor gets. */
  readonly nextDescriptor: number;
}

/** The host as a WQ owner. */
export const HOST: WqOwner = Object.freeze({ kind: "host" });

/** Are two owners the same? */
export const sameOwner = (a: WqOwner, b: WqOwner): boolean => {
  switch (a.kind) {
    case "host": return b.kind === "host";
    case "mdev": return b.kind === "mdev" && a.vm === b.vm && a.mdev === b.mdev;
  }
};

/** A readable owner name, e.g. `vm2/mdev1` or `host`. */
export const ownerName = (o: WqOwner): string => {
  switch (o.kind) {
    case "host": return "host";
    case "mdev": return `vm${o.vm}/mdev${o.mdev}`;
  }
};
