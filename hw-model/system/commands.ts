/**
 * The system commands: what VFIO/VMMs, guests, KVM and native processes do, as one io-ts union.
 * Traces of the system suite carry these.
 *
 * Rules:
 *  1. Guests name PASIDs only by GPASID and devices by role; raw numbers stay plain numbers so
 *     a hostile guest can name anything.
 *  2. `wq` is a WQ number of the shared DSA device: usually one of the VM's own mdev WQs, but a
 *     hostile guest may name another VM's queue.
 *  3. `vm_create` may name the PASID quota the host grants the VM (VM_QUOTA when absent);
 *     `adjust_quota` is the host changing it later (the VMM's adjust_set). Quotas are plain
 *     numbers: the host may ask for more than the capacity left.
 *  4. `dma_start` leaves the guest's descriptor in flight on its WQ; `dsa_step` is the device
 *     performing its oldest in-flight descriptor (the DMA is resolved then, and completes).
 */
import * as t from "io-ts";

const cmd = <K extends string, P extends t.Props>(op: K, props: P) => t.readonly(t.type({ op: t.literal(op), ...props }));

/** Which device a guest binds: the shared DSA device (through its mdev) or its assigned device. */
export const DeviceRole = t.keyof({ dsa: null, assigned: null });
export type DeviceRole = t.TypeOf<typeof DeviceRole>;

/** vm_create: the quota is optional (rule 3), so traces written before it still decode. */
const VmCreate = t.readonly(t.intersection([t.type({ op: t.literal("vm_create"), vm: t.number }), t.partial({ quota: t.number })]));

export const SystemCommand = t.union([
  VmCreate,
  cmd("adjust_quota", { vm: t.number, quota: t.number }),
  cmd("vm_destroy", { vm: t.number }),
  cmd("kvm_terminate", { vm: t.number }),
  cmd("vcmd_alloc", { vm: t.number }),
  cmd("vcmd_free", { vm: t.number, gpasid: t.number }),
  cmd("bind", { vm: t.number, gpasid: t.number, device: DeviceRole, guestMm: t.number }),
  cmd("unbind", { vm: t.number, gpasid: t.number, device: DeviceRole }),
  cmd("switch_mm", { vm: t.number, gpasid: t.number, device: DeviceRole, guestMm: t.number }),
  cmd("mdev_write", { vm: t.number, wq: t.number, gpasid: t.number }),
  cmd("mdev_clear", { vm: t.number, wq: t.number }),
  cmd("dma", { vm: t.number, wq: t.number }),
  cmd("dma_start", { vm: t.number, wq: t.number }),
  cmd("dsa_step", {}),
  cmd("enqcmd", { vm: t.number, gpasid: t.number }),
  cmd("smmu_cd_write", { vm: t.number, ssid: t.number, guestMm: t.number }),
  cmd("smmu_dma", { vm: t.number, ssid: t.number }),
  cmd("proc_open", { proc: t.number }),
  cmd("proc_dma", { proc: t.number }),
  cmd("proc_close", { proc: t.number }),
  cmd("proc_exit_mm", { proc: t.number }),
  cmd("run_work", {}),
]);
export type SystemCommand = t.TypeOf<typeof SystemCommand>;
export type SystemCommandKind = SystemCommand["op"];

/** Commands a guest issues (their effects must stay inside the guest's own set). */
export const GUEST_COMMANDS: ReadonlySet<SystemCommandKind> = new Set<SystemCommandKind>([
  "vcmd_alloc", "vcmd_free", "bind", "unbind", "switch_mm", "mdev_write", "mdev_clear", "dma", "dma_start", "enqcmd", "smmu_cd_write", "smmu_dma",
]);
