/**
 * Every place the device names a PASID, for the leak and cross-reuse checks.
 *
 * Rules:
 *  1. A PASID is named by a dedicated WQ's configuration (enabled or not: the register holds it
 *     and one enable makes it live again) and by every in-flight descriptor.
 *  2. Each place says who it belongs to: the WQ's current owner for a configuration, the owner at
 *     submission for a descriptor. Because the device's PASID table is shared by all its mdevs,
 *     a PASID that a place still names must not be handed to another VM (cross-reuse).
 *  3. A device is quiet when it names no PASID at all: the state every teardown must reach.
 *  4. Listings are ordered: configurations by WQ id, then descriptors by submission order.
 */
import type { DsaDevice, WqOwner } from "./types.js";
import { sameOwner } from "./types.js";

/** One place that names a PASID. */
export type PasidPlace =
  | {
      readonly kind: "wq-config";
      readonly pasid: number;
      readonly wq: number;
      readonly owner: WqOwner;
      readonly enabled: boolean;
    }
  | {
      readonly kind: "in-flight";
      readonly pasid: number;
      readonly wq: number;
      readonly owner: WqOwner;
      readonly descriptor: number;
    };

/** Every place on `dev` that names a PASID (rule 4 order). */
export const namedPasids = (dev: DsaDevice): readonly PasidPlace[] => {
  const out: PasidPlace[] = [];
  for (const q of dev.wqs.values()) {
    if (q.mode.kind === "dedicated" && q.mode.config !== null) {
      const c = q.mode.config;
      out.push({ kind: "wq-config", pasid: c.pasid, wq: q.id, owner: q.owner, enabled: c.pasidEnabled });
    }
  }
  for (const d of dev.inFlight.values()) {
    out.push({ kind: "in-flight", pasid: d.pasid, wq: d.wq, owner: d.owner, descriptor: d.id });
  }
  return out;
};

/** The places that name `pasid`. */
export const placesNaming = (dev: DsaDevice, pasid: number): readonly PasidPlace[] =>
  namedPasids(dev).filter((p) => p.pasid === pasid);

/** Does any place on `dev` name `pasid`? */
export const namesPasid = (dev: DsaDevice, pasid: number): boolean => {
  for (const q of dev.wqs.values()) {
    if (q.mode.kind === "dedicated" && q.mode.config !== null && q.mode.config.pasid === pasid) return true;
  }
  for (const d of dev.inFlight.values()) if (d.pasid === pasid) return true;
  return false;
};

/** The distinct owners whose places name `pasid`, in first-seen order. */
export const ownersNaming = (dev: DsaDevice, pasid: number): readonly WqOwner[] => {
  const out: WqOwner[] = [];
  for (const p of placesNaming(dev, pasid)) if (!out.some((o) => sameOwner(o, p.owner))) out.push(p.owner);
  return out;
};

/** Counts of what the device holds. */
export interface DsaCounts {
  readonly configuredPasids: number;
  readonly inFlight: number;
  readonly assignedWqs: number;
}

/** How many WQ PASID configurations, in-flight descriptors and mdev-assigned WQs `dev` has. */
export const dsaCounts = (dev: DsaDevice): DsaCounts => {
  let configuredPasids = 0;
  let assignedWqs = 0;
  for (const q of dev.wqs.values()) {
    if (q.mode.kind === "dedicated" && q.mode.config !== null) configuredPasids++;
    if (q.owner.kind === "mdev") assignedWqs++;
  }
  return { configuredPasids, inFlight: dev.inFlight.size, assignedWqs };
};

/** Does `dev` name no PASID (no WQ PASID configuration, nothing in flight)? */
export const isQuiet = (dev: DsaDevice): boolean => {
  const c = dsaCounts(dev);
  return c.configuredPasids === 0 && c.inFlight === 0;
};
