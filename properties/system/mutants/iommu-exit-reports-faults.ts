/**
 * Bug: when a process's mm goes away before its driver stopped DMA, the IOMMU driver tears the
 * PASID's translation down without disabling fault processing.
 */
import { IommuDriver } from "../../../hw-model/drivers/iommu-driver.js";
import { CORRECT_DRIVERS } from "../../../hw-model/system/drivers.js";
import type { DriverMutant } from "./mutant.js";

class IommuExitReportsFaults extends IommuDriver {
  override releaseMm(pasid: number): void {
    for (const b of this.bindingsOf(pasid)) this.teardown(b.device, pasid, false, false);
  }
}

export const iommuExitReportsFaults: DriverMutant = {
  name: "iommu-exit-reports-faults",
  breaks: "a process that exits before its accelerator driver stopped DMA floods the host with reported unrecoverable faults until the driver's unbind: the design requires fault reporting off in that window.",
  drivers: { ...CORRECT_DRIVERS, iommu: (p) => new IommuExitReportsFaults(p) },
};
