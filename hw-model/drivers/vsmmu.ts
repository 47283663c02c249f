/**
 * The SMMUv3 side of one VM's VMM: a device behind the SMMU, nested, with the guest's own
 * context-descriptor table bound into its STE, and the guest's invalidations propagated.
 *
 * Rules:
 *  1. At VM creation the VMM gives the VM a VMID and binds the guest-owned CD table (SSIDs are the
 *     guest's own: no system-wide namespace, no host IOASID).
 *  2. A guest CD write is followed by the guest's CFGI_CD and TLBI_NH_ASID on its vSMMU; the VMM
 *     propagates the guest's queue to the physical SMMU (`propagate`).
 *  3. VM death clears the STE, invalidates the VM's configuration and TLB entries, drops the
 *     guest's tables and queue and releases the VMID: nothing of the VM stays in the SMMU.
 */
import type { SmmuResult, SmmuState } from "../smmuv3/index.js";
import { assignVmid, bindGuestCdTable, clearSte, destroyGuest, guestInvalidate, guestWriteCd, issueCommand, propagate, releaseVmid } from "../smmuv3/index.js";
import { DriverModelError } from "./platform.js";

/** The guest's CD table number and its size (2^S1CDMax SSIDs). */
export const GUEST_CD_TABLE = 1;
export const GUEST_S1CDMAX = 2;

/** The StreamID of VM `vm`'s device behind the SMMU. */
export const smmuStream = (vm: number): number => 30 + vm;

const unwrap = (r: SmmuResult, what: string): SmmuState => {
  if (!r.ok) throw new DriverModelError(`${what}: ${r.error}`);
  return r.state;
};

export class VsmmuVmm {
  /** SSID -> the guest process the guest put there. */
  readonly cds = new Map<number, number>();

  constructor(readonly vm: number) {}

  /** Rule 1. */
  attach(s: SmmuState): SmmuState {
    const withVmid = unwrap(assignVmid(s, this.vm, this.vm), "assign vmid");
    return unwrap(bindGuestCdTable(withVmid, smmuStream(this.vm), this.vm, GUEST_CD_TABLE, GUEST_S1CDMAX), "bind guest CD table");
  }

  /** Rule 2: the guest points SSID `ssid` at process `guestMm` and invalidates; the VMM propagates. */
  guestCdWrite(s: SmmuState, ssid: number, guestMm: number, propagateQueue: (s: SmmuState) => SmmuState): SmmuState {
    const written = unwrap(guestWriteCd(s, this.vm, GUEST_CD_TABLE, ssid, { valid: true, asid: ssid + 1, guestMm }), "guest CD write");
    const q1 = unwrap(guestInvalidate(written, this.vm, { op: "CMD_CFGI_CD", streamId: smmuStream(this.vm), ssid }), "guest CFGI_CD");
    const q2 = unwrap(guestInvalidate(q1, this.vm, { op: "CMD_TLBI_NH_ASID", asid: ssid + 1 }), "guest TLBI");
    this.cds.set(ssid, guestMm);
    return propagateQueue(q2);
  }

  /** The VMM's propagation of the guest's queue. */
  propagate(s: SmmuState): SmmuState {
    const r = propagate(s, this.vm);
    if (!r.ok) throw new DriverModelError(`propagate: ${r.error}`);
    return r.state;
  }

  /** Rule 3. */
  destroy(s: SmmuState): SmmuState {
    let t = unwrap(clearSte(s, smmuStream(this.vm)), "clear STE");
    t = unwrap(issueCommand(t, { op: "CMD_CFGI_STE", streamId: smmuStream(this.vm) }), "CFGI_STE");
    t = unwrap(issueCommand(t, { op: "CMD_TLBI_S12_VMALL", vmid: this.vm }), "TLBI_S12_VMALL");
    t = unwrap(destroyGuest(t, this.vm), "destroy guest");
    this.cds.clear();
    return unwrap(releaseVmid(t, this.vm), "release vmid");
  }
}
