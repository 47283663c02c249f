/**
 * Bug: the IOMMU driver's teardown skips the PASID-selective PASID-cache invalidation.
 */
import { IommuDriver } from "../../../hw-model/drivers/iommu-driver.js";
import type { TeardownStep } from "../../../hw-model/vtd/index.js";
import { CORRECT_DRIVERS } from "../../../hw-model/system/drivers.js";
import type { DriverMutant } from "./mutant.js";

class IommuSkipsPasidCacheFlush extends IommuDriver {
  protected override steps(device: number, pasid: number, setFpd: boolean): readonly TeardownStep[] {
    return super.steps(device, pasid, setFpd).filter((s) => s.kind !== "invalidate" || s.descriptor.kind !== "pasid-cache");
  }
}

export const iommuSkipsPasidCacheFlush: DriverMutant = {
  name: "iommu-skips-pasid-cache-flush",
  breaks: "the PASID cache keeps the torn-down entry's snapshot, so a later walk for that PASID (the new owner's, after reuse) can still use the old present entry and reach the previous owner's memory.",
  drivers: { ...CORRECT_DRIVERS, iommu: (p) => new IommuSkipsPasidCacheFlush(p) },
};
