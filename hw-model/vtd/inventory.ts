/**
 * Where a VT-d unit still names PASIDs: the evidence for the no-leak and no-cross-reuse checks.
 *
 * Rules:
 *  1. A PASID is named by: a populated PASID-table slot (present or not), a PASID-cache snapshot,
 *     an IOTLB entry, a device-TLB entry, an outstanding page request. Each is listed once.
 *  2. IOTLB entries belong to a domain, not a device: they are listed with device null and
 *     their DID. Device-TLB entries and page requests carry no DID (did null); page requests
 *     name no address space (space null).
 *  3. The fault log is history, not state: it names nothing.
 *  4. A unit is empty when no device has a populated slot and the caches and the page-request
 *     queue are empty; devices themselves may remain.
 */
import type { AddressSpace } from "../address-space.js";
import { cacheCounts, cachesEmpty } from "./caches.js";
import type { DeviceId } from "./ids.js";
import type { IommuState } from "./iommu.js";
import { entrySpace } from "./pasid-entry.js";
import { entriesNaming, entryCount } from "./pasid-table.js";

/** Where a PASID is named. */
export type PasidHolder = "table" | "pasid-cache" | "iotlb" | "dev-tlb" | "page-request";

/** One place that names a PASID. */
export interface NamedPasid {
  readonly where: PasidHolder;
  /** Null for the IOTLB (tagged by domain, shared by devices). */
  readonly device: DeviceId | null;
  readonly pasid: number;
  /** The DID tagging the place; null for the device-TLB and page requests. */
  readonly did: number | null;
  /** Whether the place is live: a table entry's present bit; true for every cache entry. */
  readonly present: boolean;
  /** The address space the place leads to (a cleared entry: where it used to lead); null for page requests. */
  readonly space: AddressSpace | null;
}

/** How many things each place holds. */
export interface VtdCounts {
  readonly tableEntries: number;
  readonly pasidCache: number;
  readonly iotlb: number;
  readonly devTlb: number;
  readonly pageRequests: number;
}

/** Every place that names a PASID: tables by device, then PASID cache, IOTLB, device-TLB, page requests. */
export const namedPasids = (state: IommuState): readonly NamedPasid[] => {
  const out: NamedPasid[] = [];
  for (const [device, dev] of state.devices) {
    for (const { pasid, entry } of entriesNaming(dev.tables)) {
      out.push({ where: "table", device, pasid, did: entry.did, present: entry.present, space: entrySpace(entry) });
    }
  }
  const { pasidCache, iotlb, devTlb, pageRequests } = state.caches;
  for (const [device, inner] of pasidCache) {
    for (const [pasid, entry] of inner) {
      out.push({ where: "pasid-cache", device, pasid, did: entry.did, present: true, space: entrySpace(entry) });
    }
  }
  for (const { did, pasid, space } of iotlb.values()) {
    out.push({ where: "iotlb", device: null, pasid, did, present: true, space });
  }
  for (const [device, inner] of devTlb) {
    for (const [pasid, space] of inner) out.push({ where: "dev-tlb", device, pasid, did: null, present: true, space });
  }
  for (const { device, pasid } of pageRequests) {
    out.push({ where: "page-request", device, pasid, did: null, present: true, space: null });
  }
  return out;
};

/** Entries held by the tables (all devices) and by each cache. */
export const counts = (state: IommuState): VtdCounts => {
  let tableEntries = 0;
  for (const dev of state.devices.values()) tableEntries += entryCount(dev.tables);
  return { tableEntries, ...cacheCounts(state.caches) };
};

/** Does the unit name no PASID at all? */
export const isEmpty = (state: IommuState): boolean => {
  if (!cachesEmpty(state.caches)) return false;
  for (const dev of state.devices.values()) if (entryCount(dev.tables) > 0) return false;
  return true;
};
