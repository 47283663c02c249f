/**
 * A whole platform: the core under test, the hardware, and every actor, driven by system
 * commands. Each command gives a record of what it observably did (the trace that the spec-backed
 * and impl-backed systems must agree on).
 *
 * Rules:
 *  1. VM v's mm is 100 + v; process k's mm is 200 + k and it uses the k-th host WQ.
 *  2. vm_create launches KVM first (its MM notifier waits on the pending list), then VFIO
 *     creates the set and the VDCM attaches to it. A VM lives once; a VM whose set could not be
 *     created (its quota does not fit) did not start: KVM is terminated and it may be created
 *     again.
 *  3. A DMA is a descriptor submitted on a WQ, resolved by the IOMMU for the DSA device and the
 *     PASID the descriptor carries, then completed. `dma_start` only submits it; `dsa_step`
 *     resolves and completes the oldest descriptor in flight, for whoever submitted it. An
 *     ENQCMD is translated by KVM, then resolved. On the Arm profile a DMA is the VM's SMMU
 *     stream with a guest SSID, resolved by the SMMU.
 *  4. `teardown` destroys every VM, terminates KVM, closes every process, drains the work and
 *     unregisters the IOMMU driver: afterwards nothing may remain anywhere.
 *  5. `grants` records the quota the host granted each set (grants.ts), whatever the drivers do.
 *  6. `epoch` counts the commands applied and teardowns begun. The drivers act only inside
 *     `apply` and `teardown`, so while the epoch stays the same the system is unchanged, unless
 *     someone calls its core directly (observers that keep what they read of one epoch must
 *     not be used across such calls).
 */
import type { IoasidCore } from "../../api/core.js";
import type { CallResult } from "../../api/result.js";
import { err, ok } from "../../api/result.js";
import type { WqOwner } from "../dsa/index.js";
import { submitDescriptor } from "../dsa/index.js";
import { resolveDma as smmuResolve } from "../smmuv3/index.js";
import { smmuStream } from "../drivers/vsmmu.js";
import type { IommuDriver } from "../drivers/iommu-driver.js";
import type { KvmDriver } from "../drivers/kvm-driver.js";
import type { Vdcm } from "../drivers/vdcm.js";
import type { Vmm } from "../drivers/vmm.js";
import { NativeProcess, PROC_QUOTA } from "../drivers/native-process.js";
import type { PlatformShape } from "../drivers/platform.js";
import { assignedDevice, DEFAULT_SHAPE, hostWqs, Platform } from "../drivers/platform.js";
import type { RefHolder } from "../drivers/ref-holder.js";
import type { DeviceRole, SystemCommand } from "./commands.js";
import type { DriverSet } from "./drivers.js";
import { CORRECT_DRIVERS } from "./drivers.js";
import { GrantLedger } from "./grants.js";
import type { Issuer, StepRecord } from "./dma.js";
import { guestIssuer, performOldest, resolveOnDsa, submitAndPerform } from "./dma.js";

export type { Issuer, StepRecord } from "./dma.js";

/** The actors of one VM. */
export interface VmActors {
  readonly vmm: Vmm;
  readonly kvm: KvmDriver;
  readonly vdcm: Vdcm;
  created: boolean;
  destroyed: boolean;
}

export const VM_QUOTA = 4;
export const vmMm = (vm: number): number => 100 + vm;
export const procMm = (proc: number): number => 200 + proc;

export class System {
  readonly p: Platform;
  readonly iommu: IommuDriver;
  readonly vms = new Map<number, VmActors>();
  readonly procs = new Map<number, NativeProcess>();
  /** Rule 5. */
  readonly grants = new GrantLedger();

  constructor(core: IoasidCore, drivers: DriverSet = CORRECT_DRIVERS, shape: PlatformShape = DEFAULT_SHAPE, processes = 2) {
    this.p = new Platform(core, shape);
    this.iommu = drivers.iommu(this.p);
    const booted = this.iommu.boot();
    if (!booted.ok) throw new Error(`iommu boot: ${booted.errno}`);
    for (const vm of shape.vms) {
      const vdcm = drivers.vdcm(this.p, vm);
      this.vms.set(vm, { vmm: drivers.vmm(this.p, vm, vmMm(vm), this.iommu, vdcm), kvm: drivers.kvm(this.p, vm, vmMm(vm)), vdcm, created: false, destroyed: false });
    }
    const wqs = hostWqs(shape);
    for (let k = 1; k <= processes; k++) {
      const wq = wqs[k - 1];
      if (wq !== undefined) this.procs.set(k, new NativeProcess(this.p, procMm(k), wq, this.iommu));
    }
  }

  get core(): IoasidCore {
    return this.p.core;
  }

  private holderList: readonly RefHolder[] | null = null;
  private epochCount = 0;

  /** Rule 6. */
  get epoch(): number {
    return this.epochCount;
  }

  /** Every actor that may hold references (fixed once the system is built). */
  holders(): readonly RefHolder[] {
    this.holderList ??= [this.iommu, ...[...this.vms.values()].flatMap((a) => [a.vmm, a.kvm, a.vdcm]), ...this.procs.values()];
    return this.holderList;
  }

  /** The live VM actors (created, not destroyed). */
  liveVm(vm: number): VmActors | undefined {
    const a = this.vms.get(vm);
    return a !== undefined && a.created && !a.destroyed ? a : undefined;
  }

  private device(role: DeviceRole, vm: number): number {
    return role === "dsa" ? this.p.shape.dsaDevice : assignedDevice(vm);
  }

  private call(r: CallResult): StepRecord {
    return { kind: "call", result: r };
  }

  /** Rule 3: who performs a descriptor: the guest of the mdev's VM, or the process of the host WQ. */
  private issuerOf(owner: WqOwner, wq: number, pasid: number): Issuer {
    switch (owner.kind) {
      case "mdev": {
        const a = this.vms.get(owner.vm);
        return a === undefined ? { kind: "guest", vm: owner.vm, guestMm: null } : guestIssuer(a.vmm, this.p.shape.dsaDevice, pasid);
      }
      case "host":
        return { kind: "process", mm: [...this.procs.values()].find((pr) => pr.wq === wq)?.mm ?? 0 };
    }
  }

  /** Apply one command (a switch with no default: exhaustive by its return type; the hot path). */
  apply(c: SystemCommand): StepRecord {
    this.epochCount++;
    const noVm = this.call(err("ENOENT"));
    switch (c.op) {
      case "vm_create": {
        const a = this.vms.get(c.vm);
        if (a === undefined || a.created) return noVm;
        const quota = c.quota ?? VM_QUOTA;
        a.kvm.launch();
        const r = a.vmm.create(quota);
        if (a.vmm.set === null) {
          a.kvm.terminate(); // rule 2: the VM did not start
          return this.call(r);
        }
        a.created = true;
        this.grants.created(a.vmm.set, a.vmm.name, quota);
        return this.call(r);
      }
      case "adjust_quota": {
        const a = this.liveVm(c.vm);
        const set = a?.vmm.set ?? null;
        if (a === undefined || set === null) return noVm;
        const r = a.vmm.adjustQuota(c.quota);
        if (r.ok) this.grants.adjusted(set, c.quota);
        return this.call(r);
      }
      case "vm_destroy": {
        const a = this.liveVm(c.vm);
        if (a === undefined) return noVm;
        a.destroyed = true;
        if (a.vmm.set !== null) this.grants.released(a.vmm.set);
        return this.call(a.vmm.destroy());
      }
      case "kvm_terminate": {
        const a = this.vms.get(c.vm);
        if (a === undefined || !a.kvm.alive) return noVm;
        a.kvm.terminate();
        return this.call(ok(null));
      }
      case "vcmd_alloc":
        return this.call(this.liveVm(c.vm)?.vmm.vcmdAlloc() ?? err("ENOENT"));
      case "vcmd_free":
        return this.call(this.liveVm(c.vm)?.vmm.vcmdFree(c.gpasid) ?? err("ENOENT"));
      case "bind":
        return this.call(this.liveVm(c.vm)?.vmm.bind(this.device(c.device, c.vm), c.gpasid, c.guestMm) ?? err("ENOENT"));
      case "unbind":
        return this.call(this.liveVm(c.vm)?.vmm.unbind(this.device(c.device, c.vm), c.gpasid) ?? err("ENOENT"));
      case "switch_mm":
        return this.call(this.liveVm(c.vm)?.vmm.switchMm(this.device(c.device, c.vm), c.gpasid, c.guestMm) ?? err("ENOENT"));
      case "mdev_write":
        return this.call(this.liveVm(c.vm)?.vdcm.mdevWrite(c.wq, c.gpasid) ?? err("ENOENT"));
      case "mdev_clear":
        return this.call(this.liveVm(c.vm)?.vdcm.mdevClear(c.wq) ?? err("ENOENT"));
      case "dma": {
        const a = this.liveVm(c.vm);
        const host = a?.vdcm.programmedOn(c.wq);
        if (a === undefined || host === undefined) return this.call(err("EINVAL"));
        return submitAndPerform(this.p, guestIssuer(a.vmm, this.p.shape.dsaDevice, host), c.wq);
      }
      case "dma_start": {
        const a = this.liveVm(c.vm);
        const s = a?.vdcm.programmedOn(c.wq) === undefined ? null : submitDescriptor(this.p.dsa, { wq: c.wq });
        if (s === null || !s.ok) return this.call(err("EINVAL"));
        this.p.dsa = s.dev;
        return this.call(ok(null));
      }
      case "dsa_step":
        return performOldest(this.p, (owner, wq, pasid) => this.issuerOf(owner, wq, pasid));
      case "enqcmd": {
        const a = this.liveVm(c.vm);
        if (a === undefined) return noVm;
        const t = a.kvm.enqcmd(c.gpasid);
        if (t.kind === "exit") return { kind: "exit", reason: t.reason };
        return resolveOnDsa(this.p, guestIssuer(a.vmm, this.p.shape.dsaDevice, t.hostPasid), t.hostPasid);
      }
      case "smmu_cd_write":
        return this.call(this.liveVm(c.vm)?.vmm.smmuCdWrite(c.ssid, c.guestMm) ?? err("ENOENT"));
      case "smmu_dma": {
        const a = this.liveVm(c.vm);
        if (a === undefined) return noVm;
        const out = smmuResolve(this.p.smmu, smmuStream(c.vm), c.ssid);
        this.p.smmu = out.state;
        return { kind: "dma", issuer: { kind: "guest", vm: c.vm, guestMm: a.vmm.vsmmu.cds.get(c.ssid) ?? null }, pasid: c.ssid, resolution: out.resolution };
      }
      case "proc_open": {
        const pr = this.procs.get(c.proc);
        if (pr === undefined) return noVm;
        const had = pr.set;
        const r = pr.open();
        if (pr.set !== null && pr.set !== had) this.grants.created(pr.set, pr.name, PROC_QUOTA);
        return this.call(r);
      }
      case "proc_dma": {
        const pr = this.procs.get(c.proc);
        if (pr === undefined || (pr.phase !== "open" && pr.phase !== "mm-gone")) return this.call(err("EINVAL"));
        return submitAndPerform(this.p, { kind: "process", mm: pr.mm }, pr.wq);
      }
      case "proc_close": {
        const pr = this.procs.get(c.proc);
        if (pr === undefined) return noVm;
        const had = pr.set;
        const r = pr.close();
        if (had !== null && pr.set === null) this.grants.released(had);
        return this.call(r);
      }
      case "proc_exit_mm":
        return this.call(this.procs.get(c.proc)?.exitMmFirst() ?? err("ENOENT"));
      case "run_work":
        return ({ kind: "work", label: this.p.work.runOldest() });
    }
  }

  /** Rule 4. */
  teardown(): void {
    this.epochCount++;
    for (const vm of this.vms.keys()) if (this.liveVm(vm) !== undefined) this.apply({ op: "vm_destroy", vm });
    for (const a of this.vms.values()) if (a.kvm.alive) a.kvm.terminate();
    for (const pr of this.procs.values()) if (pr.phase === "open" || pr.phase === "mm-gone") pr.close();
    let guard = 10_000;
    while (this.p.work.runOldest() !== null && guard-- > 0);
    this.p.core.unregisterNotifier(null, "iommu");
  }
}
