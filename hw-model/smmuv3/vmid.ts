/**
 * VMIDs: the host gives each VM whose devices use a stage 2 one VMID, which tags that VM's STEs
 * and TLB entries.
 *
 * Rules:
 *  1. A VM has at most one VMID and a VMID belongs to at most one VM. Giving a VM the VMID it
 *     already has is a no-op; giving it another one, or one held by another VM, is refused.
 *  2. A VMID cannot be released while an STE in the stream table still carries it.
 *  3. Releasing does not touch the TLB: entries tagged with the VMID stay until
 *     CMD_TLBI_S12_VMALL. Handing the VMID to another VM before that lets the new VM's DMA hit
 *     the old VM's entries, as on real hardware.
 */
import type { SmmuState } from "./types.js";
import type { SmmuResult } from "./result.js";
import { idError, refused, vmidError } from "./result.js";

/** The VM holding `vmid`, or undefined. */
export const vmHoldingVmid = (state: SmmuState, vmid: number): number | undefined => {
  for (const [vm, v] of state.vmids) if (v === vmid) return vm;
  return undefined;
};

/** Give VM `vm` the VMID `vmid`. */
export const assignVmid = (state: SmmuState, vm: number, vmid: number): SmmuResult => {
  const bad = idError("VM id", vm) ?? vmidError(vmid);
  if (bad !== null) return bad;
  const current = state.vmids.get(vm);
  if (current === vmid) return { ok: true, state };
  if (current !== undefined) return refused(`vm${vm} already has VMID ${current}`);
  const holder = vmHoldingVmid(state, vmid);
  if (holder !== undefined) return refused(`VMID ${vmid} belongs to vm${holder}`);
  return { ok: true, state: { ...state, vmids: new Map(state.vmids).set(vm, vmid) } };
};

/** Take VM `vm`'s VMID back. Releasing a VM without a VMID is a no-op. */
export const releaseVmid = (state: SmmuState, vm: number): SmmuResult => {
  const bad = idError("VM id", vm);
  if (bad !== null) return bad;
  const vmid = state.vmids.get(vm);
  if (vmid === undefined) return { ok: true, state };
  for (const [streamId, ste] of state.streamTable) {
    if ((ste.config === "s2" || ste.config === "nested") && ste.vmid === vmid) {
      return refused(`VMID ${vmid} of vm${vm} is still used by the STE of stream ${streamId}`);
    }
  }
  const vmids = new Map(state.vmids);
  vmids.delete(vm);
  return { ok: true, state: { ...state, vmids } };
};
