/**
 * Bug: KVM handles FREE but ignores UNBIND, so the VMCS entry outlives the last device bind.
 */
import type { Delivery } from "../../../api/notification.js";
import type { IoasidCore } from "../../../api/core.js";
import { KvmDriver } from "../../../hw-model/drivers/kvm-driver.js";
import { CORRECT_DRIVERS } from "../../../hw-model/system/drivers.js";
import type { DriverMutant } from "./mutant.js";

class KvmIgnoresUnbind extends KvmDriver {
  protected override onEvent(d: Delivery, core: IoasidCore): void {
    if (d.event !== "UNBIND") super.onEvent(d, core);
  }
}

export const kvmIgnoresUnbind: DriverMutant = {
  name: "kvm-ignores-unbind",
  breaks: "after the guest unbinds a PASID from its last device, its ENQCMD still translates through a stale VMCS entry and KVM keeps a reference that only FREE or VM death drops.",
  drivers: { ...CORRECT_DRIVERS, kvm: (p, vm, mm) => new KvmIgnoresUnbind(p, vm, mm) },
};
