/**
 * A guest's invalidations on its virtual SMMU, and the VMM that propagates them (or not).
 *
 * Rules:
 *  1. `guestInvalidate` only appends the guest's command to the VM's vSMMU queue: the physical
 *     SMMU sees nothing until the VMM propagates, so its caches stay stale meanwhile.
 *  2. `propagate` empties the VM's queue, oldest first, turning each command into a physical one:
 *     TLBI_NH_ASID gets the VM's VMID; CFGI_CD and CFGI_STE keep their StreamID. The guest's
 *     StreamIDs are taken to be the physical ones (the model has no vSID translation).
 *  3. The VMM forwards only what concerns the VM: a CFGI on a stream whose STE in memory does not
 *     carry this VM's stage 2, or a TLBI from a VM without a VMID, is dropped and reported in
 *     `ignored` with the reason.
 *  4. `discardGuestQueue` drops the VM's queue without applying it (a VMM that never propagates,
 *     or a VM torn down). `destroyGuest` also drops the CD tables in the VM's memory; STEs,
 *     caches and the VMID are the host's to clear.
 */
import type { GuestCommand, SmmuCommand, SmmuState } from "./types.js";
import type { SmmuError, SmmuResult } from "./result.js";
import { asidError, idError, ssidError, streamIdError } from "./result.js";
import { applyCommand } from "./commands.js";

/** The outcome of a propagation. */
export interface Propagated {
  readonly ok: true;
  readonly state: SmmuState;
  /** The physical commands issued, in order. */
  readonly applied: readonly SmmuCommand[];
  /** The guest commands the VMM dropped, with why. */
  readonly ignored: readonly { readonly command: GuestCommand; readonly reason: string }[];
}

const NO_COMMANDS: readonly GuestCommand[] = [];

/** Null when the guest command's fields are in range, else the refusal. */
const guestCommandError = (cmd: GuestCommand): SmmuError | null => {
  switch (cmd.op) {
    case "CMD_TLBI_NH_ASID": return asidError(cmd.asid);
    case "CMD_CFGI_CD": return streamIdError(cmd.streamId) ?? ssidError(cmd.ssid);
    case "CMD_CFGI_STE": return streamIdError(cmd.streamId);
  }
};

/** Guest `vm` writes `cmd` to its vSMMU command queue. */
export const guestInvalidate = (state: SmmuState, vm: number, cmd: GuestCommand): SmmuResult => {
  const bad = idError("VM id", vm) ?? guestCommandError(cmd);
  if (bad !== null) return bad;
  const queue = [...(state.guestQueues.get(vm) ?? NO_COMMANDS), cmd];
  return { ok: true, state: { ...state, guestQueues: new Map(state.guestQueues).set(vm, queue) } };
};

/** The guest commands of `vm` not yet propagated, oldest first. */
export const guestQueue = (state: SmmuState, vm: number): readonly GuestCommand[] =>
  state.guestQueues.get(vm) ?? NO_COMMANDS;

/** Does the STE of `streamId` in memory carry VM `vm`'s stage 2? */
const streamOfVm = (state: SmmuState, streamId: number, vm: number): boolean => {
  const ste = state.streamTable.get(streamId);
  return ste !== undefined && (ste.config === "s2" || ste.config === "nested") && ste.s2.vm === vm;
};

/** The physical command for a guest command of `vm`, or why the VMM drops it (rule 3). */
const translate = (state: SmmuState, vm: number, cmd: GuestCommand): SmmuCommand | string => {
  switch (cmd.op) {
    case "CMD_TLBI_NH_ASID": {
      const vmid = state.vmids.get(vm);
      if (vmid === undefined) return `vm${vm} has no VMID`;
      return { op: "CMD_TLBI_NH_ASID", scope: { kind: "vmid", vmid }, asid: cmd.asid };
    }
    case "CMD_CFGI_CD":
      return streamOfVm(state, cmd.streamId, vm) ? cmd : `stream ${cmd.streamId} does not carry vm${vm}'s stage 2`;
    case "CMD_CFGI_STE":
      return streamOfVm(state, cmd.streamId, vm) ? cmd : `stream ${cmd.streamId} does not carry vm${vm}'s stage 2`;
  }
};

/** The VMM applies every queued guest command of `vm` to the physical SMMU. */
export const propagate = (start: SmmuState, vm: number): Propagated | SmmuError => {
  const bad = idError("VM id", vm);
  if (bad !== null) return bad;
  const queue = start.guestQueues.get(vm);
  if (queue === undefined) return { ok: true, state: start, applied: [], ignored: [] };

  const guestQueues = new Map(start.guestQueues);
  guestQueues.delete(vm);
  let state: SmmuState = { ...start, guestQueues };
  const applied: SmmuCommand[] = [];
  const ignored: { command: GuestCommand; reason: string }[] = [];
  for (const command of queue) {
    const physical = translate(state, vm, command);
    if (typeof physical === "string") {
      ignored.push({ command, reason: physical });
    } else {
      state = applyCommand(state, physical);
      applied.push(physical);
    }
  }
  return { ok: true, state, applied, ignored };
};

/** Drop `vm`'s queued commands without applying them. */
export const discardGuestQueue = (state: SmmuState, vm: number): SmmuResult => {
  const bad = idError("VM id", vm);
  if (bad !== null) return bad;
  if (!state.guestQueues.has(vm)) return { ok: true, state };
  const guestQueues = new Map(state.guestQueues);
  guestQueues.delete(vm);
  return { ok: true, state: { ...state, guestQueues } };
};

/** The VM is gone: drop its queued commands and the CD tables in its memory. */
export const destroyGuest = (state: SmmuState, vm: number): SmmuResult => {
  const dropped = discardGuestQueue(state, vm);
  if (!dropped.ok) return dropped;
  const cdTables = new Map(dropped.state.cdTables);
  for (const [key, t] of dropped.state.cdTables) if (t.owner.kind === "vm" && t.owner.vm === vm) cdTables.delete(key);
  if (cdTables.size === dropped.state.cdTables.size) return dropped;
  return { ok: true, state: { ...dropped.state, cdTables } };
};
