/**
 * Bug: KVM clears its table when the VM's KVM instance terminates but never drops its references.
 */
import { KvmDriver } from "../../../hw-model/drivers/kvm-driver.js";
import { pasidEntries } from "../../../hw-model/kvm/index.js";
import { CORRECT_DRIVERS } from "../../../hw-model/system/drivers.js";
import type { DriverMutant } from "./mutant.js";

class KvmKeepsRefs extends KvmDriver {
  override terminate(): void {
    for (const e of pasidEntries(this.table)) this.remove(e.gpasid);
    if (this.alive) this.p.core.unregisterNotifierMm(this.mm, this.name);
    this.alive = false;
  }
}

export const kvmKeepsRefs: DriverMutant = {
  name: "kvm-keeps-refs",
  breaks: "every PASID the guest had bound stays FREE_PENDING forever after the VM dies: IDs, quota and the set leak.",
  drivers: { ...CORRECT_DRIVERS, kvm: (p, vm, mm) => new KvmKeepsRefs(p, vm, mm) },
};
