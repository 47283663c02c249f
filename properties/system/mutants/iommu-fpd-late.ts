/**
 * Bug: on FREE of a bound PASID the IOMMU driver clears the entries' present bit at once but
 * leaves fault processing enabled; FPD is only set by the deferred teardown.
 */
import type { Delivery } from "../../../api/notification.js";
import { IommuDriver } from "../../../hw-model/drivers/iommu-driver.js";
import { clearPasidPresent } from "../../../hw-model/vtd/index.js";
import { CORRECT_DRIVERS } from "../../../hw-model/system/drivers.js";
import type { DriverMutant } from "./mutant.js";

class IommuFpdLate extends IommuDriver {
  protected override onEvent(d: Delivery): void {
    if (d.event !== "FREE") return;
    const list = this.bindingsOf(d.id);
    if (list.length === 0) return;
    for (const b of list) {
      const cleared = clearPasidPresent(this.p.iommu, b.device, d.id, false);
      if (cleared.ok) this.p.iommu = cleared.value;
    }
    this.binds.delete(d.id);
    this.p.work.schedule(`iommu-teardown ${d.id}`, () => {
      for (const b of list) {
        this.teardown(b.device, d.id, true);
        this.release(null, d.id);
      }
    });
  }
}

export const iommuFpdLate: DriverMutant = {
  name: "iommu-fpd-late",
  breaks: "between a guest's free of a bound PASID and the deferred teardown, every DMA the device still issues with it raises a reported fault: the host's fault log fills with the misbehaving guest's unrecoverable faults.",
  drivers: { ...CORRECT_DRIVERS, iommu: (p) => new IommuFpdLate(p) },
};
