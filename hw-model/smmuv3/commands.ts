/**
 * The physical SMMU's invalidation commands, as the host issues them.
 *
 * Rules:
 *  1. CMD_TLBI_NH_ASID drops the TLB entry tagged (scope, ASID): host scope for s1
 *     translations, a VMID for a guest's nested ones.
 *  2. CMD_TLBI_S12_VMALL drops every TLB entry tagged with the VMID.
 *  3. CMD_CFGI_CD drops the cached CD of (StreamID, SSID).
 *  4. CMD_CFGI_STE drops the cached STE of the stream and every CD cached through it (the model
 *     caches CDs per stream, so a new STE never reuses CDs read through the old one).
 *  5. Commands only drop cache entries: they never change memory. Dropping nothing is a
 *     successful no-op that returns the same state.
 *  6. Commands complete at once (the model has no CMD_SYNC: issuing is completing).
 */
import type { SmmuCommand, SmmuState } from "./types.js";
import { tlbKey } from "./keys.js";
import type { SmmuError, SmmuResult } from "./result.js";
import { asidError, ssidError, streamIdError, vmidError } from "./result.js";

/** Null when the command's fields are in range, else the refusal. */
export const commandError = (cmd: SmmuCommand): SmmuError | null => {
  switch (cmd.op) {
    case "CMD_TLBI_NH_ASID":
      return (cmd.scope.kind === "vmid" ? vmidError(cmd.scope.vmid) : null) ?? asidError(cmd.asid);
    case "CMD_TLBI_S12_VMALL": return vmidError(cmd.vmid);
    case "CMD_CFGI_CD": return streamIdError(cmd.streamId) ?? ssidError(cmd.ssid);
    case "CMD_CFGI_STE": return streamIdError(cmd.streamId);
  }
};

/** Apply an in-range command (rules 1-5). */
export const applyCommand = (state: SmmuState, cmd: SmmuCommand): SmmuState => {
  switch (cmd.op) {
    case "CMD_TLBI_NH_ASID": {
      const key = tlbKey(cmd.scope, cmd.asid);
      if (!state.tlb.has(key)) return state;
      const tlb = new Map(state.tlb);
      tlb.delete(key);
      return { ...state, tlb };
    }
    case "CMD_TLBI_S12_VMALL": {
      const tlb = new Map(state.tlb);
      for (const [key, e] of state.tlb) if (e.scope.kind === "vmid" && e.scope.vmid === cmd.vmid) tlb.delete(key);
      return tlb.size === state.tlb.size ? state : { ...state, tlb };
    }
    case "CMD_CFGI_CD": {
      const cds = state.cdCache.get(cmd.streamId);
      if (cds === undefined || !cds.has(cmd.ssid)) return state;
      const cdCache = new Map(state.cdCache);
      if (cds.size === 1) {
        cdCache.delete(cmd.streamId);
      } else {
        const rest = new Map(cds);
        rest.delete(cmd.ssid);
        cdCache.set(cmd.streamId, rest);
      }
      return { ...state, cdCache };
    }
    case "CMD_CFGI_STE": {
      if (!state.steCache.has(cmd.streamId) && !state.cdCache.has(cmd.streamId)) return state;
      const steCache = new Map(state.steCache);
      steCache.delete(cmd.streamId);
      const cdCache = new Map(state.cdCache);
      cdCache.delete(cmd.streamId);
      return { ...state, steCache, cdCache };
    }
  }
};

/** Issue `cmd` to the physical SMMU. */
export const issueCommand = (state: SmmuState, cmd: SmmuCommand): SmmuResult => {
  const bad = commandError(cmd);
  if (bad !== null) return bad;
  return { ok: true, state: applyCommand(state, cmd) };
};
