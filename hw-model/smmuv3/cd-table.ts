/**
 * Writing context descriptors: the host into its own CD tables, a guest into the CD tables in its
 * own memory (nested: no VMM intercepts these writes).
 *
 * Rules:
 *  1. These write memory only. The SMMU keeps using a cached CD until CMD_CFGI_CD (or
 *     CMD_CFGI_STE) for a stream that read it, and cached translations until TLB invalidation.
 *  2. A host CD may map any address space but a guest process (a guest's page tables are only
 *     reachable through a nested STE). A guest CD always maps a process of that guest: the
 *     guest names its own mm, never an address space.
 *  3. A CD may be written invalid (valid = false): it stays in memory, names nothing reachable,
 *     and translation through it faults. Clearing removes it; a table with no CD left is gone.
 *  4. SSIDs are 0..0xFFFFF whatever the tables' size: a CD beyond the S1CDMax of the STE that
 *     points at its table is never reached.
 */
import type { Cd, CdTable, CdTableOwner, SmmuState } from "./types.js";
import { HOST_OWNER } from "./types.js";
import { cdTableKey } from "./keys.js";
import type { SmmuResult } from "./result.js";
import { asidError, idError, refused, ssidError } from "./result.js";

/** What a guest writes into a CD: the ASID and which of its processes the page table is. */
export interface GuestCd {
  readonly valid: boolean;
  readonly asid: number;
  readonly guestMm: number;
}

const NO_CDS: ReadonlyMap<number, Cd> = new Map<number, Cd>();

/** Store `cd` at `ssid` of `owner`'s table `table` (arguments already checked). */
const putCd = (state: SmmuState, owner: CdTableOwner, table: number, ssid: number, cd: Cd): SmmuState => {
  const key = cdTableKey(owner, table);
  const cds = new Map(state.cdTables.get(key)?.cds ?? NO_CDS).set(ssid, cd);
  const next: CdTable = { owner, table, cds };
  return { ...state, cdTables: new Map(state.cdTables).set(key, next) };
};

/** Remove the CD at `ssid` of `owner`'s table `table`; same state when there is none. */
const dropCd = (state: SmmuState, owner: CdTableOwner, table: number, ssid: number): SmmuState => {
  const key = cdTableKey(owner, table);
  const current = state.cdTables.get(key);
  if (current === undefined || !current.cds.has(ssid)) return state;
  const cdTables = new Map(state.cdTables);
  if (current.cds.size === 1) {
    cdTables.delete(key);
  } else {
    const cds = new Map(current.cds);
    cds.delete(ssid);
    cdTables.set(key, { owner, table, cds });
  }
  return { ...state, cdTables };
};

/** The host writes `cd` at `ssid` of its table `table`. */
export const hostWriteCd = (state: SmmuState, table: number, ssid: number, cd: Cd): SmmuResult => {
  const bad = idError("CD table id", table) ?? ssidError(ssid) ?? asidError(cd.asid);
  if (bad !== null) return bad;
  if (cd.ttb.kind === "guest-process") {
    return refused(`host CD table ${table} SSID ${ssid}: a host CD cannot map a guest process (bind the guest's table instead)`);
  }
  return { ok: true, state: putCd(state, HOST_OWNER, table, ssid, { valid: cd.valid, asid: cd.asid, ttb: cd.ttb }) };
};

/** The host clears the CD at `ssid` of its table `table`. */
export const hostClearCd = (state: SmmuState, table: number, ssid: number): SmmuResult => {
  const bad = idError("CD table id", table) ?? ssidError(ssid);
  if (bad !== null) return bad;
  return { ok: true, state: dropCd(state, HOST_OWNER, table, ssid) };
};

/** Guest `vm` writes a CD at `ssid` of its table `table`. */
export const guestWriteCd = (state: SmmuState, vm: number, table: number, ssid: number, cd: GuestCd): SmmuResult => {
  const bad = idError("VM id", vm) ?? idError("CD table id", table) ?? ssidError(ssid) ??
    asidError(cd.asid) ?? idError("guest mm", cd.guestMm);
  if (bad !== null) return bad;
  const stored: Cd = { valid: cd.valid, asid: cd.asid, ttb: { kind: "guest-process", vm, guestMm: cd.guestMm } };
  return { ok: true, state: putCd(state, { kind: "vm", vm }, table, ssid, stored) };
};

/** Guest `vm` clears the CD at `ssid` of its table `table`. */
export const guestClearCd = (state: SmmuState, vm: number, table: number, ssid: number): SmmuResult => {
  const bad = idError("VM id", vm) ?? idError("CD table id", table) ?? ssidError(ssid);
  if (bad !== null) return bad;
  return { ok: true, state: dropCd(state, { kind: "vm", vm }, table, ssid) };
};

/** The CD at `ssid` of `owner`'s table `table` as memory holds it, or undefined. */
export const readCd = (state: SmmuState, owner: CdTableOwner, table: number, ssid: number): Cd | undefined =>
  state.cdTables.get(cdTableKey(owner, table))?.cds.get(ssid);
