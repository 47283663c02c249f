/**
 * Resolving a DMA: which address space a request of (StreamID, SSID) reaches, through the caches.
 *
 * Rules:
 *  1. The STE comes from the config cache, else from the stream table (and is then cached).
 *     No valid STE: fault C_BAD_STE, reported.
 *  2. abort: the request is terminated without an event (fault, not reported). bypass: host
 *     physical memory. s2: the VM's guest-physical space. The SSID is not looked at in these
 *     three configurations.
 *  3. s1 and nested: an SSID >= 2^S1CDMax faults (C_BAD_SUBSTREAMID). The CD comes from the
 *     config cache, else from the STE's CD table (and is then cached); an absent or invalid CD
 *     faults (C_BAD_CD). Both are reported.
 *  4. The CD's ASID, tagged with the host (s1) or the STE's VMID (nested), selects a TLB entry.
 *     A hit answers with the entry's address space; a miss takes the CD's and fills the entry.
 *  5. `via` is "cache" when any cached entry (STE, CD or TLB) took part, "walk" when everything
 *     was read from memory. A cached answer may be stale: compare with `walkDma`.
 *  6. Only caches change. Faults fill nothing beyond what was read before the fault.
 *  7. Bad arguments (not a 32-bit StreamID, not a 20-bit SSID) give a reported fault naming them.
 */
import type { AddressSpace, Resolution } from "../address-space.js";
import type { CdTableRef, SmmuState, Ste, TlbScope } from "./types.js";
import { HOST_SCOPE } from "./types.js";
import { cdTableKey, tlbKey } from "./keys.js";
import { inRange } from "./result.js";

/** A resolution and the state after it (caches filled). */
export interface DmaOutcome {
  readonly state: SmmuState;
  readonly resolution: Resolution;
}

const HOST_PHYSICAL: AddressSpace = Object.freeze({ kind: "host-physical" });

const fault = (state: SmmuState, reason: string, reported: boolean): DmaOutcome => ({
  state,
  resolution: { kind: "fault", reason, reported },
});

const reached = (state: SmmuState, space: AddressSpace, cached: boolean): DmaOutcome => ({
  state,
  resolution: { kind: "translated", space, via: cached ? "cache" : "walk" },
});

/** Stage 1 (s1 or nested) from the CD lookup on (rules 3, 4). */
const stage1 = (
  start: SmmuState,
  streamId: number,
  ssid: number,
  ref: CdTableRef,
  scope: TlbScope,
  steCached: boolean,
): DmaOutcome => {
  let state = start;
  if (ssid >= 2 ** ref.s1CdMax) {
    return fault(state, `C_BAD_SUBSTREAMID: stream ${streamId} SSID ${ssid} is beyond its 2^${ref.s1CdMax} CDs`, true);
  }
  const streamCds = state.cdCache.get(streamId);
  let cd = streamCds?.get(ssid);
  const cdCached = cd !== undefined;
  if (cd === undefined) {
    cd = state.cdTables.get(cdTableKey(ref.owner, ref.table))?.cds.get(ssid);
    if (cd === undefined || !cd.valid) {
      return fault(state, `C_BAD_CD: stream ${streamId} SSID ${ssid}: CD table ${cdTableKey(ref.owner, ref.table)} has no valid CD`, true);
    }
    const filled = new Map(streamCds ?? []).set(ssid, cd);
    state = { ...state, cdCache: new Map(state.cdCache).set(streamId, filled) };
  }

  const key = tlbKey(scope, cd.asid);
  const hit = state.tlb.get(key);
  if (hit !== undefined) return reached(state, hit.space, true);
  state = { ...state, tlb: new Map(state.tlb).set(key, { scope, asid: cd.asid, space: cd.ttb }) };
  return reached(state, cd.ttb, steCached || cdCached);
};

/** Translate a request of `streamId` carrying `ssid` (rules 1-7). */
export const resolveDma = (start: SmmuState, streamId: number, ssid: number): DmaOutcome => {
  if (!inRange(streamId, 0, 0xffffffff)) return fault(start, `smmuv3: StreamID ${String(streamId)} is not a 32-bit StreamID`, true);
  if (!inRange(ssid, 0, 0xfffff)) return fault(start, `smmuv3: SSID ${String(ssid)} is not a 20-bit SubstreamID`, true);

  let state = start;
  let ste: Ste | undefined = state.steCache.get(streamId);
  const steCached = ste !== undefined;
  if (ste === undefined) {
    ste = state.streamTable.get(streamId);
    if (ste === undefined) return fault(state, `C_BAD_STE: stream ${streamId} has no valid STE`, true);
    state = { ...state, steCache: new Map(state.steCache).set(streamId, ste) };
  }

  switch (ste.config) {
    case "abort": return fault(state, `stream ${streamId}: STE.Config is abort`, false);
    case "bypass": return reached(state, HOST_PHYSICAL, steCached);
    case "s2": return reached(state, ste.s2, steCached);
    case "s1": return stage1(state, streamId, ssid, ste.cdTable, HOST_SCOPE, steCached);
    case "nested": return stage1(state, streamId, ssid, ste.cdTable, { kind: "vmid", vmid: ste.vmid }, steCached);
  }
};

const NO_CACHE: Pick<SmmuState, "steCache" | "cdCache" | "tlb"> = Object.freeze({
  steCache: new Map(),
  cdCache: new Map(),
  tlb: new Map(),
});

/** What memory says the request reaches, ignoring every cache (always `via: "walk"`). */
export const walkDma = (state: SmmuState, streamId: number, ssid: number): Resolution =>
  resolveDma({ ...state, ...NO_CACHE }, streamId, ssid).resolution;
