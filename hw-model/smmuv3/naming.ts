/**
 * Every place the SMMU names an SSID or an ASID, and counts of what it holds, for the leak and
 * cross-reuse checks.
 *
 * Rules:
 *  1. Places: a CD in memory (valid or not), a cached CD, a TLB entry (names an ASID and the
 *     space it reaches, no SSID), and a guest command waiting in a vSMMU queue that names an
 *     SSID or ASID.
 *  2. Each place carries the address space it leads to where there is one, so a check can ask
 *     whether anything still reaches a space that is gone (`placesReaching`).
 *  3. The SMMU is empty when it holds no STE, CD, VMID, cached entry or queued command: the
 *     state every teardown must reach.
 *  4. Listings are ordered by kind (CDs, cached CDs, TLB, queues), then by insertion order.
 */
import type { AddressSpace } from "../address-space.js";
import { sameAddressSpace } from "../address-space.js";
import type { CdTableOwner, GuestCommand, SmmuState, TlbScope } from "./types.js";

/** One place that names an SSID or an ASID. */
export type SsidPlace =
  | {
      readonly where: "cd";
      readonly owner: CdTableOwner;
      readonly table: number;
      readonly ssid: number;
      readonly asid: number;
      readonly valid: boolean;
      readonly space: AddressSpace;
    }
  | {
      readonly where: "cd-cache";
      readonly streamId: number;
      readonly ssid: number;
      readonly asid: number;
      readonly space: AddressSpace;
    }
  | { readonly where: "tlb"; readonly scope: TlbScope; readonly asid: number; readonly space: AddressSpace }
  | { readonly where: "guest-queue"; readonly vm: number; readonly command: GuestCommand };

/** Every place naming an SSID or ASID (rule 4 order). */
export const namedSsids = (state: SmmuState): readonly SsidPlace[] => {
  const out: SsidPlace[] = [];
  for (const t of state.cdTables.values()) {
    for (const [ssid, cd] of t.cds) {
      out.push({ where: "cd", owner: t.owner, table: t.table, ssid, asid: cd.asid, valid: cd.valid, space: cd.ttb });
    }
  }
  for (const [streamId, cds] of state.cdCache) {
    for (const [ssid, cd] of cds) out.push({ where: "cd-cache", streamId, ssid, asid: cd.asid, space: cd.ttb });
  }
  for (const e of state.tlb.values()) out.push({ where: "tlb", scope: e.scope, asid: e.asid, space: e.space });
  for (const [vm, queue] of state.guestQueues) {
    for (const command of queue) if (command.op !== "CMD_CFGI_STE") out.push({ where: "guest-queue", vm, command });
  }
  return out;
};

/** The places (CDs, cached CDs, TLB entries) that lead to `space`. */
export const placesReaching = (state: SmmuState, space: AddressSpace): readonly SsidPlace[] =>
  namedSsids(state).filter((p) => p.where !== "guest-queue" && sameAddressSpace(p.space, space));

/** How much the SMMU holds. */
export interface SmmuCounts {
  readonly stes: number;
  readonly cdTables: number;
  readonly cds: number;
  readonly vmids: number;
  readonly cachedStes: number;
  readonly cachedCds: number;
  readonly tlbEntries: number;
  readonly queuedGuestCommands: number;
}

/** Counts of every table, cache and queue. */
export const smmuCounts = (state: SmmuState): SmmuCounts => {
  let cds = 0;
  for (const t of state.cdTables.values()) cds += t.cds.size;
  let cachedCds = 0;
  for (const m of state.cdCache.values()) cachedCds += m.size;
  let queuedGuestCommands = 0;
  for (const q of state.guestQueues.values()) queuedGuestCommands += q.length;
  return {
    stes: state.streamTable.size,
    cdTables: state.cdTables.size,
    cds,
    vmids: state.vmids.size,
    cachedStes: state.steCache.size,
    cachedCds,
    tlbEntries: state.tlb.size,
    queuedGuestCommands,
  };
};

/** Does the SMMU hold nothing at all (rule 3)? */
export const isSmmuEmpty = (state: SmmuState): boolean =>
  state.streamTable.size === 0 &&
  state.cdTables.size === 0 &&
  state.vmids.size === 0 &&
  state.steCache.size === 0 &&
  state.cdCache.size === 0 &&
  state.tlb.size === 0 &&
  state.guestQueues.size === 0;
