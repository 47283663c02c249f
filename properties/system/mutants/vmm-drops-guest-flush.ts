/**
 * Bug: the VMM's vIOMMU does not propagate the guest's first-level IOTLB flush to the host.
 */
import { Vmm } from "../../../hw-model/drivers/vmm.js";
import { CORRECT_DRIVERS } from "../../../hw-model/system/drivers.js";
import type { DriverMutant } from "./mutant.js";

class VmmDropsFlush extends Vmm {
  protected override propagateFlush(): void {
    // the guest's flush is swallowed
  }
}

export const vmmDropsGuestFlush: DriverMutant = {
  name: "vmm-drops-guest-flush",
  breaks: "after the guest points a PASID at another process, cached translations still reach the old process's memory.",
  drivers: { ...CORRECT_DRIVERS, vmm: (p, vm, mm, iommu, vdcm) => new VmmDropsFlush(p, vm, mm, iommu, vdcm) },
};
