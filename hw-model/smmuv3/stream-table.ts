/**
 * Writing the stream table: the host installs, changes or clears a device's STE, and binds a
 * guest-owned CD table for nested translation.
 *
 * Rules:
 *  1. These write memory only. The SMMU keeps using a cached STE (and the CDs read through it)
 *     until CMD_CFGI_STE for that stream.
 *  2. s1 points at a host CD table. s2 carries the VM's stage 2 and its VMID. nested carries
 *     both: a CD table of that same VM and the VM's stage 2 (types.ts rule 3).
 *  3. s2 and nested need the VM to have a VMID (`assignVmid`); the STE records it.
 *  4. The CD table need not exist yet: lookups through an STE pointing at an empty or absent
 *     table fault until the owner writes CDs into it.
 *  5. `clearSte` makes the entry invalid (absent); DMA on the stream then faults.
 */
import type { Ste, SmmuState } from "./types.js";
import { HOST_OWNER } from "./types.js";
import type { SmmuError, SmmuResult } from "./result.js";
import { idError, refused, s1CdMaxError, streamIdError } from "./result.js";

/** What the host asks an STE to be. */
export type SteSpec =
  | { readonly config: "abort" }
  | { readonly config: "bypass" }
  | { readonly config: "s1"; readonly table: number; readonly s1CdMax: number }
  | { readonly config: "s2"; readonly vm: number }
  | { readonly config: "nested"; readonly vm: number; readonly table: number; readonly s1CdMax: number };

/** The VMID of `vm`, or the refusal. */
const vmidOf = (state: SmmuState, vm: number): number | SmmuError => {
  const bad = idError("VM id", vm);
  if (bad !== null) return bad;
  return state.vmids.get(vm) ?? refused(`vm${vm} has no VMID: assign one before giving it a stage 2`);
};

/** The STE `spec` describes, or the refusal. */
const buildSte = (state: SmmuState, spec: SteSpec): Ste | SmmuError => {
  switch (spec.config) {
    case "abort": return { config: "abort" };
    case "bypass": return { config: "bypass" };
    case "s1": {
      const bad = idError("CD table id", spec.table) ?? s1CdMaxError(spec.s1CdMax);
      if (bad !== null) return bad;
      return { config: "s1", cdTable: { owner: HOST_OWNER, table: spec.table, s1CdMax: spec.s1CdMax } };
    }
    case "s2": {
      const vmid = vmidOf(state, spec.vm);
      if (typeof vmid !== "number") return vmid;
      return { config: "s2", s2: { kind: "vm-physical", vm: spec.vm }, vmid };
    }
    case "nested": {
      const bad = idError("CD table id", spec.table) ?? s1CdMaxError(spec.s1CdMax);
      if (bad !== null) return bad;
      const vmid = vmidOf(state, spec.vm);
      if (typeof vmid !== "number") return vmid;
      return {
        config: "nested",
        cdTable: { owner: { kind: "vm", vm: spec.vm }, table: spec.table, s1CdMax: spec.s1CdMax },
        s2: { kind: "vm-physical", vm: spec.vm },
        vmid,
      };
    }
  }
};

/** Write the STE of `streamId`. */
export const writeSte = (state: SmmuState, streamId: number, spec: SteSpec): SmmuResult => {
  const bad = streamIdError(streamId);
  if (bad !== null) return bad;
  const ste = buildSte(state, spec);
  if ("ok" in ste) return ste;
  return { ok: true, state: { ...state, streamTable: new Map(state.streamTable).set(streamId, ste) } };
};

/** Bind VM `vm`'s CD table `table` (2^s1CdMax CDs) to `streamId` for nested translation. */
export const bindGuestCdTable = (
  state: SmmuState,
  streamId: number,
  vm: number,
  table: number,
  s1CdMax: number,
): SmmuResult => writeSte(state, streamId, { config: "nested", vm, table, s1CdMax });

/** Invalidate the STE of `streamId` in memory. Clearing an absent STE is a no-op. */
export const clearSte = (state: SmmuState, streamId: number): SmmuResult => {
  const bad = streamIdError(streamId);
  if (bad !== null) return bad;
  if (!state.streamTable.has(streamId)) return { ok: true, state };
  const streamTable = new Map(state.streamTable);
  streamTable.delete(streamId);
  return { ok: true, state: { ...state, streamTable } };
};
