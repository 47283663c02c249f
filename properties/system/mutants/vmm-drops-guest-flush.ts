/**
 * Bug: the VMM's vIOMMU does not propagate the guest's first-level IOTLB flush to the host.
 */
import { Vmm } from "../../../hw-model/drivers/vmm.js";
import type { SmmuState } from "../../../hw-model/smmuv3/index.js";
import { CORRECT_DRIVERS } from "../../../hw-model/system/drivers.js";
import type { DriverMutant } from "./mutant.js";

class VmmDropsFlush extends Vmm {
  protected override propagateFlush(): void {
    // the guest's VT-d flush is swallowed
  }
  protected override propagateSmmu(s: SmmuState): SmmuState {
    return s; // the guest's vSMMU commands stay queued, never reaching the SMMU
  }
}

export const vmmDropsGuestFlush: DriverMutant = {
  name: "vmm-drops-guest-flush",
  breaks: "after the guest points a PASID (VT-d) or an SSID (SMMUv3) at another process, cached translations still reach the old process's memory.",
  drivers: { ...CORRECT_DRIVERS, vmm: (p, vm, mm, iommu, vdcm) => new VmmDropsFlush(p, vm, mm, iommu, vdcm) },
};
