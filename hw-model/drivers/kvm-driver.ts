/**
 * KVM for one VM: keeps the VMCS guest-to-host PASID translation table that guest ENQCMD uses.
 *
 * Rules:
 *  1. It registers its MM notifier at VM launch, at CPU priority: before VFIO creates the VM's
 *     set, the registration waits on the core's pending list and is attached at creation.
 *  2. BIND: take a reference under the lock (get_locked) and install GPASID -> host PASID.
 *     UNBIND and FREE: if the entry is installed, remove it and drop the reference (put_locked).
 *  3. Terminating drops every reference it holds and unregisters (KVM may die first).
 */
import type { Delivery } from "../../api/notification.js";
import type { IoasidCore } from "../../api/core.js";
import type { CallResult } from "../../api/result.js";
import type { EnqcmdOutcome, KvmPasidTable } from "../kvm/index.js";
import { clearPasidEntry, emptyPasidTable, enqcmd, hostPasidOf, pasidEntries, setPasidEntry } from "../kvm/index.js";
import type { Platform } from "./platform.js";
import { DriverModelError } from "./platform.js";
import type { RefHolder } from "./ref-holder.js";
import { bump } from "./ref-holder.js";

export class KvmDriver implements RefHolder {
  readonly name: string;
  table: KvmPasidTable = emptyPasidTable();
  protected readonly refs = new Map<number, number>();
  alive = false;

  constructor(protected readonly p: Platform, readonly vm: number, readonly mm: number) {
    this.name = `kvm${vm}`;
  }

  heldRefs(): ReadonlyMap<number, number> {
    return this.refs;
  }

  /** Rule 1. */
  launch(): CallResult {
    const r = this.p.core.registerNotifierMm(this.mm, { name: this.name, priority: "CPU", handler: (d, c) => this.onEvent(d, c) });
    this.alive = r.ok;
    return r;
  }

  /** A guest ENQCMD: translate through the VMCS table, or exit to the hypervisor. */
  enqcmd(gpasid: number): EnqcmdOutcome {
    return enqcmd(this.table, gpasid);
  }

  protected install(gpasid: number, host: number): void {
    const r = setPasidEntry(this.table, gpasid, host);
    if (!r.ok) throw new DriverModelError(`kvm${this.vm}: ${r.error}`);
    this.table = r.table;
  }

  protected remove(gpasid: number): void {
    const r = clearPasidEntry(this.table, gpasid);
    if (!r.ok) throw new DriverModelError(`kvm${this.vm}: ${r.error}`);
    this.table = r.table;
  }

  /** Rule 2. */
  protected onEvent(d: Delivery, core: IoasidCore): void {
    if (d.spid === null) return;
    if (d.event === "BIND") {
      if (!core.getLocked(d.set, d.id).ok) return;
      bump(this.refs, d.id, 1);
      this.install(d.spid, d.id);
    } else if ((d.event === "UNBIND" || d.event === "FREE") && hostPasidOf(this.table, d.spid) === d.id) {
      this.remove(d.spid);
      if (core.putLocked(d.set, d.id).ok) bump(this.refs, d.id, -1);
    }
  }

  /** Rule 3. */
  terminate(): void {
    for (const e of pasidEntries(this.table)) {
      this.remove(e.gpasid);
      if (this.p.core.put(null, e.hostPasid).ok) bump(this.refs, e.hostPasid, -1);
    }
    if (this.alive) this.p.core.unregisterNotifierMm(this.mm, this.name);
    this.alive = false;
  }
}
