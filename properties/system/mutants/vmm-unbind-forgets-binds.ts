/**
 * Bug: the VMM keys its record of the guest's binds by GPASID: unbinding a GPASID from one device
 * forgets its binds on every device.
 */
import type { CallResult } from "../../../api/result.js";
import { Vmm } from "../../../hw-model/drivers/vmm.js";
import { CORRECT_DRIVERS } from "../../../hw-model/system/drivers.js";
import type { DriverMutant } from "./mutant.js";

class VmmUnbindForgetsBinds extends Vmm {
  override unbind(device: number, gpasid: number): CallResult {
    const r = super.unbind(device, gpasid);
    for (const key of [...this.bound.keys()]) if (key.endsWith(`:${gpasid}`)) this.bound.delete(key);
    return r;
  }
}

export const vmmUnbindForgetsBinds: DriverMutant = {
  name: "vmm-unbind-forgets-binds",
  breaks: "after the guest unbinds a PASID from one of two devices, the VMM believes it unbound everywhere while the other device and KVM's VMCS entry still use it: the guest can no longer switch that bind, and the VMM's view of who may DMA with it is wrong.",
  drivers: { ...CORRECT_DRIVERS, vmm: (p, vm, mm, iommu, vdcm) => new VmmUnbindForgetsBinds(p, vm, mm, iommu, vdcm) },
};
