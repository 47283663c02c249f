/**
 * One VT-d unit in scalable mode: its devices' PASID structures, its caches, its fault log, and
 * how a DMA request with a PASID is resolved.
 *
 * Rules:
 *  1. Every operation returns a new state; a refused one returns an error and no state.
 *  2. A request from (device, PASID) is resolved in this order:
 *       a. the device's ATS cache (device-TLB), if it holds (device, PASID): via "cache";
 *       b. the PASID entry, needed to learn the DID: the PASID-cache snapshot for
 *          (device, PASID) if any (stale or not), else the in-memory walk: context entry present
 *          and PASID-enabled, directory slot, PASID-table slot, entry present;
 *       c. the IOTLB under (DID of that entry, PASID): via "cache" on a hit;
 *       d. otherwise the translation the entry names (PGTT decides: nested = guest process of the
 *          slptr's VM with the flptr's guest mm; first-level = flptr; second-level = slptr;
 *          pass-through = host physical): via "cache" if the entry came from the PASID cache,
 *          via "walk" if it was read from memory.
 *     Every translation fills what it went through: the PASID cache (entry read from memory),
 *     the IOTLB, and the device-TLB when the device has ATS.
 *  3. The DID comes from the PASID entry only, so a device whose entry is neither present in
 *     memory nor cached faults even if the IOTLB still holds (DID, PASID) for it; that stale IOTLB
 *     entry is hit again once an entry with the same DID and PASID is made present.
 *  4. The context entry is read only on a PASID-cache miss (no context cache is modelled).
 *  5. A fault is reported unless it comes from a non-present PASID entry whose FPD is set.
 *     Missing structures (unknown device, context not present or PASID-disabled, no directory,
 *     no PASID table, empty slot) and PASIDs outside 1..0xFFFFF are always reported. Reported
 *     faults are appended to the fault log; unreported ones leave the state unchanged.
 *  6. Page requests (PRI) come only from devices with ATS and stay queued until drained.
 */
import type { AddressSpace, Resolution } from "../address-space.js";
import {
  addPageRequest,
  fillDevTlb,
  fillIotlb,
  fillPasidCache,
  emptyCaches,
  lookupDevTlb,
  lookupIotlb,
  lookupPasidCache,
  submit,
  type InvalidationDescriptor,
  type VtdCaches,
} from "./caches.js";
import { deviceName, pasidError, type DeviceId } from "./ids.js";
import { entrySpace, type PasidEntry } from "./pasid-entry.js";
import {
  clearPresent,
  emptyDeviceTables,
  removeEntry,
  setContext,
  setEntry,
  walkTables,
  type ContextEntry,
  type DeviceTables,
} from "./pasid-table.js";
import { vtdErr, vtdOk, type VtdResult } from "./result.js";

/** A device behind the IOMMU. */
export interface VtdDevice {
  /** Has an ATS device-TLB (and may issue page requests). */
  readonly ats: boolean;
  readonly tables: DeviceTables;
}

/** A reported fault. */
export interface FaultRecord {
  readonly device: DeviceId;
  readonly pasid: number;
  readonly addr: number | null;
  readonly reason: string;
}

/** The whole VT-d unit. */
export interface IommuState {
  readonly devices: ReadonlyMap<DeviceId, VtdDevice>;
  readonly caches: VtdCaches;
  /** Reported faults, oldest first. */
  readonly faults: readonly FaultRecord[];
}

/** What a DMA request did: the resolution and the state after it (caches filled, fault logged). */
export interface DmaOutcome {
  readonly state: IommuState;
  readonly resolution: Resolution;
}

/** Options of a new device. */
export interface DeviceOptions {
  readonly ats: boolean;
  /** Default: present and PASID-enabled. */
  readonly context?: ContextEntry;
}

/** A VT-d unit with no device. */
export const emptyIommu = (): IommuState => ({ devices: new Map(), caches: emptyCaches(), faults: [] });

/** Add a device with an empty PASID directory. Refused if the device exists. */
export const addDevice = (state: IommuState, device: DeviceId, opts: DeviceOptions): VtdResult<IommuState> => {
  if (state.devices.has(device)) return vtdErr(`${deviceName(device)} already exists`);
  const tables = emptyDeviceTables(opts.context ?? { present: true, pasidEnabled: true });
  return vtdOk({ ...state, devices: new Map(state.devices).set(device, { ats: opts.ats, tables }) });
};

const updateTables = (
  state: IommuState,
  device: DeviceId,
  f: (tables: DeviceTables) => VtdResult<DeviceTables>,
): VtdResult<IommuState> => {
  const dev = state.devices.get(device);
  if (dev === undefined) return vtdErr(`unknown ${deviceName(device)}`);
  const r = f(dev.tables);
  if (!r.ok) return r;
  if (r.value === dev.tables) return vtdOk(state);
  return vtdOk({ ...state, devices: new Map(state.devices).set(device, { ...dev, tables: r.value }) });
};

/** Rewrite a device's context entry. */
export const setContextEntry = (state: IommuState, device: DeviceId, context: ContextEntry): VtdResult<IommuState> =>
  updateTables(state, device, (t) => vtdOk(setContext(t, context)));

/** Write a PASID entry of a device (memory only: no cache is touched). */
export const setPasidEntry = (
  state: IommuState,
  device: DeviceId,
  pasid: number,
  entry: PasidEntry,
): VtdResult<IommuState> => updateTables(state, device, (t) => setEntry(t, pasid, entry));

/** Clear the present bit of a device's PASID entry, keeping the rest (`setFpd` also sets FPD). */
export const clearPasidPresent = (
  state: IommuState,
  device: DeviceId,
  pasid: number,
  setFpd = false,
): VtdResult<IommuState> => updateTables(state, device, (t) => clearPresent(t, pasid, setFpd));

/** Empty a device's PASID-table slot. */
export const removePasidEntry = (state: IommuState, device: DeviceId, pasid: number): VtdResult<IommuState> =>
  updateTables(state, device, (t) => removeEntry(t, pasid));

/** Submit one descriptor to the invalidation queue; it is processed at once. */
export const submitInvalidation = (state: IommuState, d: InvalidationDescriptor): VtdResult<IommuState> => {
  const r = submit(state.caches, d);
  if (!r.ok) return r;
  return vtdOk(r.value === state.caches ? state : { ...state, caches: r.value });
};

/** A device with ATS issues a page request for `pasid`; it waits in the queue until drained. */
export const recordPageRequest = (state: IommuState, device: DeviceId, pasid: number): VtdResult<IommuState> => {
  const bad = pasidError(pasid);
  if (bad !== null) return vtdErr(bad);
  const dev = state.devices.get(device);
  if (dev === undefined) return vtdErr(`unknown ${deviceName(device)}`);
  if (!dev.ats) return vtdErr(`${deviceName(device)} has no ATS and cannot issue page requests`);
  return vtdOk({ ...state, caches: addPageRequest(state.caches, device, pasid) });
};

/** The in-memory PASID entry a walk reaches, or the reason the walk stops. */
const walkEntry = (dev: VtdDevice, pasid: number): PasidEntry | { readonly reason: string; readonly reported: boolean } => {
  const { context } = dev.tables;
  if (!context.present) return { reason: "context entry not present", reported: true };
  if (!context.pasidEnabled) return { reason: "PASID not enabled in the context entry", reported: true };
  const walk = walkTables(dev.tables, pasid);
  if (!walk.ok) return { reason: walk.error, reported: true };
  const w = walk.value;
  switch (w.kind) {
    case "no-directory":
      return { reason: "context entry has no PASID directory", reported: true };
    case "no-table":
      return { reason: `PASID directory entry ${w.directoryIndex} not present`, reported: true };
    case "empty-slot":
      return { reason: `PASID table entry ${w.tableIndex} (directory ${w.directoryIndex}) not present`, reported: true };
    case "entry":
      return w.entry.present
        ? w.entry
        : { reason: "PASID entry not present", reported: !w.entry.fpd };
  }
};

const isEntry = (x: PasidEntry | { readonly reason: string }): x is PasidEntry => !("reason" in x);

/**
 * Resolve a DMA request from `device` tagged with `pasid` (see rule 2). `addr` is only recorded in
 * the fault log: one translation per (DID, PASID) is modelled, not pages.
 */
export const resolveDma = (state: IommuState, device: DeviceId, pasid: number, addr?: number): DmaOutcome => {
  const fault = (reason: string, reported: boolean): DmaOutcome => ({
    state: reported ? { ...state, faults: [...state.faults, { device, pasid, addr: addr ?? null, reason }] } : state,
    resolution: { kind: "fault", reason, reported },
  });
  const translated = (caches: VtdCaches, space: AddressSpace, via: "walk" | "cache"): DmaOutcome => ({
    state: caches === state.caches ? state : { ...state, caches },
    resolution: { kind: "translated", space, via },
  });

  const bad = pasidError(pasid);
  if (bad !== null) return fault(bad, true);
  const dev = state.devices.get(device);
  if (dev === undefined) return fault(`unknown ${deviceName(device)}`, true);

  const atsHit = lookupDevTlb(state.caches, device, pasid);
  if (atsHit !== null) return translated(state.caches, atsHit, "cache");

  const snapshot = lookupPasidCache(state.caches, device, pasid);
  let entry: PasidEntry;
  let caches = state.caches;
  if (snapshot !== null) entry = snapshot;
  else {
    const walked = walkEntry(dev, pasid);
    if (!isEntry(walked)) return fault(walked.reason, walked.reported);
    entry = walked;
    caches = fillPasidCache(caches, device, pasid, entry);
  }
  const fromCache = snapshot !== null;

  const iotlbHit = lookupIotlb(caches, entry.did, pasid);
  const space = iotlbHit ?? entrySpace(entry);
  if (space === null) return fault("illegal PASID entry", !entry.fpd);
  if (iotlbHit === null) caches = fillIotlb(caches, entry.did, pasid, space);
  if (dev.ats) caches = fillDevTlb(caches, device, pasid, space);
  return translated(caches, space, iotlbHit !== null || fromCache ? "cache" : "walk");
};
