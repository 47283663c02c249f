/**
 * The translation caches of one VT-d unit (PASID cache, IOTLB, device-TLB), the page-request
 * queue, and the queued-invalidation interface that empties them.
 *
 * Rules:
 *  1. A cache entry stays, however stale, until an invalidation descriptor that matches it is
 *     submitted. Writing the PASID table never touches a cache.
 *  2. PASID cache: one snapshot of a present PASID entry per (device, PASID). It is tagged with
 *     the snapshot's DID, and the PASID-selective invalidation (DID, PASID) drops the snapshots of
 *     every device whose DID and PASID match; a snapshot taken under another DID survives it.
 *  3. IOTLB: one translation per (DID, PASID), shared by every device whose PASID entry carries
 *     that DID (pages are not modelled). The PASID-based IOTLB invalidation (DID, PASID) drops it.
 *  4. Device-TLB (ATS): one translation per (device, PASID), dropped by the PASID-based
 *     device-TLB invalidation (device, PASID).
 *  5. Page requests: outstanding page requests per (device, PASID), dropped by a drain (device,
 *     PASID).
 *  6. `submit` processes one descriptor at once and returns the new caches; a descriptor with a
 *     PASID outside 1..0xFFFFF or a DID outside 1..0xFFFF is refused (an invalidation-queue
 *     error), leaving the caches unchanged. An invalidation that matches nothing returns the
 *     same caches object.
 */
import type { AddressSpace } from "../address-space.js";
import { didError, pasidError, type DeviceId } from "./ids.js";
import type { PasidEntry } from "./pasid-entry.js";
import { vtdErr, vtdOk, type VtdResult } from "./result.js";

/** One IOTLB entry: the translation cached for (did, pasid). */
export interface IotlbEntry {
  readonly did: number;
  readonly pasid: number;
  readonly space: AddressSpace;
}

/** An outstanding page request from a device for a PASID. */
export interface PageRequest {
  readonly device: DeviceId;
  readonly pasid: number;
}

/** The caches and the page-request queue. */
export interface VtdCaches {
  /** device -> PASID -> snapshot of the present PASID entry (its `did` is the cache tag). */
  readonly pasidCache: ReadonlyMap<DeviceId, ReadonlyMap<number, PasidEntry>>;
  /** `iotlbKey(did, pasid)` -> translation. */
  readonly iotlb: ReadonlyMap<number, IotlbEntry>;
  /** device -> PASID -> translation held by the device's ATS cache. */
  readonly devTlb: ReadonlyMap<DeviceId, ReadonlyMap<number, AddressSpace>>;
  readonly pageRequests: readonly PageRequest[];
}

/** An invalidation descriptor of the queued-invalidation interface. */
export type InvalidationDescriptor =
  /** PASID-selective PASID-cache invalidation. */
  | { readonly kind: "pasid-cache"; readonly did: number; readonly pasid: number }
  /** PASID-based IOTLB invalidation (all pages). */
  | { readonly kind: "piotlb"; readonly did: number; readonly pasid: number }
  /** PASID-based device-TLB invalidation (all pages). */
  | { readonly kind: "dev-tlb"; readonly device: DeviceId; readonly pasid: number }
  /** Drain the page requests of a device for a PASID. */
  | { readonly kind: "drain-prq"; readonly device: DeviceId; readonly pasid: number };

/** How many entries each cache holds. */
export interface CacheCounts {
  readonly pasidCache: number;
  readonly iotlb: number;
  readonly devTlb: number;
  readonly pageRequests: number;
}

/** Caches with nothing in them. */
export const emptyCaches = (): VtdCaches => ({
  pasidCache: new Map(),
  iotlb: new Map(),
  devTlb: new Map(),
  pageRequests: [],
});

/** The IOTLB key of (did, pasid). */
export const iotlbKey = (did: number, pasid: number): number => did * 0x100000 + pasid;

const setInner = <V>(
  outer: ReadonlyMap<DeviceId, ReadonlyMap<number, V>>,
  device: DeviceId,
  pasid: number,
  value: V,
): ReadonlyMap<DeviceId, ReadonlyMap<number, V>> => {
  const inner = new Map(outer.get(device) ?? []);
  inner.set(pasid, value);
  return new Map(outer).set(device, inner);
};

const deleteInner = <V>(
  outer: ReadonlyMap<DeviceId, ReadonlyMap<number, V>>,
  device: DeviceId,
  pasid: number,
): ReadonlyMap<DeviceId, ReadonlyMap<number, V>> => {
  const old = outer.get(device);
  if (old === undefined || !old.has(pasid)) return outer;
  const next = new Map(outer);
  if (old.size === 1) next.delete(device);
  else {
    const inner = new Map(old);
    inner.delete(pasid);
    next.set(device, inner);
  }
  return next;
};

const countInner = <V>(outer: ReadonlyMap<DeviceId, ReadonlyMap<number, V>>): number => {
  let n = 0;
  for (const inner of outer.values()) n += inner.size;
  return n;
};

/** The PASID-cache snapshot for (device, pasid), or null. */
export const lookupPasidCache = (c: VtdCaches, device: DeviceId, pasid: number): PasidEntry | null =>
  c.pasidCache.get(device)?.get(pasid) ?? null;

/** The IOTLB translation for (did, pasid), or null. */
export const lookupIotlb = (c: VtdCaches, did: number, pasid: number): AddressSpace | null =>
  c.iotlb.get(iotlbKey(did, pasid))?.space ?? null;

/** The device-TLB translation for (device, pasid), or null. */
export const lookupDevTlb = (c: VtdCaches, device: DeviceId, pasid: number): AddressSpace | null =>
  c.devTlb.get(device)?.get(pasid) ?? null;

/** Cache a snapshot of `entry` (as read for `device`, `pasid`); replaces an older snapshot. */
export const fillPasidCache = (c: VtdCaches, device: DeviceId, pasid: number, entry: PasidEntry): VtdCaches =>
  lookupPasidCache(c, device, pasid) === entry ? c : { ...c, pasidCache: setInner(c.pasidCache, device, pasid, entry) };

/** Cache the translation of (did, pasid). */
export const fillIotlb = (c: VtdCaches, did: number, pasid: number, space: AddressSpace): VtdCaches =>
  lookupIotlb(c, did, pasid) === space
    ? c
    : { ...c, iotlb: new Map(c.iotlb).set(iotlbKey(did, pasid), { did, pasid, space }) };

/** Cache the translation of (device, pasid) in the device's ATS cache. */
export const fillDevTlb = (c: VtdCaches, device: DeviceId, pasid: number, space: AddressSpace): VtdCaches =>
  lookupDevTlb(c, device, pasid) === space ? c : { ...c, devTlb: setInner(c.devTlb, device, pasid, space) };

/** Queue a page request from `device` for `pasid`. */
export const addPageRequest = (c: VtdCaches, device: DeviceId, pasid: number): VtdCaches => ({
  ...c,
  pageRequests: [...c.pageRequests, { device, pasid }],
});

const dropPasidCache = (c: VtdCaches, did: number, pasid: number): VtdCaches => {
  let pasidCache = c.pasidCache;
  for (const [device, inner] of c.pasidCache) {
    if (inner.get(pasid)?.did === did) pasidCache = deleteInner(pasidCache, device, pasid);
  }
  return pasidCache === c.pasidCache ? c : { ...c, pasidCache };
};

const dropIotlb = (c: VtdCaches, did: number, pasid: number): VtdCaches => {
  const key = iotlbKey(did, pasid);
  if (!c.iotlb.has(key)) return c;
  const iotlb = new Map(c.iotlb);
  iotlb.delete(key);
  return { ...c, iotlb };
};

const dropDevTlb = (c: VtdCaches, device: DeviceId, pasid: number): VtdCaches => {
  const devTlb = deleteInner(c.devTlb, device, pasid);
  return devTlb === c.devTlb ? c : { ...c, devTlb };
};

const drainPrq = (c: VtdCaches, device: DeviceId, pasid: number): VtdCaches => {
  const pageRequests = c.pageRequests.filter((r) => !(r.device === device && r.pasid === pasid));
  return pageRequests.length === c.pageRequests.length ? c : { ...c, pageRequests };
};

/** Why a descriptor is malformed, or null. */
export const descriptorError = (d: InvalidationDescriptor): string | null => {
  const pasid = pasidError(d.pasid);
  if (pasid !== null) return `${d.kind} invalidation: ${pasid}`;
  switch (d.kind) {
    case "pasid-cache":
    case "piotlb": {
      const did = didError(d.did);
      return did === null ? null : `${d.kind} invalidation: ${did}`;
    }
    case "dev-tlb":
    case "drain-prq":
      return null;
  }
};

/** Process one invalidation descriptor. */
export const submit = (c: VtdCaches, d: InvalidationDescriptor): VtdResult<VtdCaches> => {
  const bad = descriptorError(d);
  if (bad !== null) return vtdErr(bad);
  switch (d.kind) {
    case "pasid-cache":
      return vtdOk(dropPasidCache(c, d.did, d.pasid));
    case "piotlb":
      return vtdOk(dropIotlb(c, d.did, d.pasid));
    case "dev-tlb":
      return vtdOk(dropDevTlb(c, d.device, d.pasid));
    case "drain-prq":
      return vtdOk(drainPrq(c, d.device, d.pasid));
  }
};

/** Entries held by each cache and the page-request queue. */
export const cacheCounts = (c: VtdCaches): CacheCounts => ({
  pasidCache: countInner(c.pasidCache),
  iotlb: c.iotlb.size,
  devTlb: countInner(c.devTlb),
  pageRequests: c.pageRequests.length,
});

/** Do the caches and the page-request queue hold nothing? */
export const cachesEmpty = (c: VtdCaches): boolean =>
  c.pasidCache.size === 0 && c.iotlb.size === 0 && c.devTlb.size === 0 && c.pageRequests.length === 0;
