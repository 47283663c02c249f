/**
 * Bug: the IOMMU driver's teardown skips the PASID-based IOTLB and device-TLB invalidations.
 */
import { IommuDriver } from "../../../hw-model/drivers/iommu-driver.js";
import type { TeardownStep } from "../../../hw-model/vtd/index.js";
import { CORRECT_DRIVERS } from "../../../hw-model/system/drivers.js";
import type { DriverMutant } from "./mutant.js";

class IommuSkipsTlbFlush extends IommuDriver {
  protected override steps(device: number, pasid: number, setFpd: boolean): readonly TeardownStep[] {
    return super.steps(device, pasid, setFpd).filter((s) => s.kind !== "invalidate" || (s.descriptor.kind !== "piotlb" && s.descriptor.kind !== "dev-tlb"));
  }
}

export const iommuSkipsTlbFlush: DriverMutant = {
  name: "iommu-skips-tlb-flush",
  breaks: "the IOTLB and device-TLB keep translating a torn-down PASID, so after reuse a device's DMA still reaches the previous owner's memory.",
  drivers: { ...CORRECT_DRIVERS, iommu: (p) => new IommuSkipsTlbFlush(p) },
};
