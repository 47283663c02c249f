/**
 * Bug: on FREE the IOMMU driver's handler disables the entry of the PASID's first binding only;
 * the other devices keep a present entry until the deferred teardown.
 */
import type { Delivery } from "../../../api/notification.js";
import { IommuDriver } from "../../../hw-model/drivers/iommu-driver.js";
import { clearPasidPresent } from "../../../hw-model/vtd/index.js";
import { CORRECT_DRIVERS } from "../../../hw-model/system/drivers.js";
import type { DriverMutant } from "./mutant.js";

class IommuFreeClearsOneDevice extends IommuDriver {
  protected override onEvent(d: Delivery): void {
    if (d.event !== "FREE") return;
    const list = this.bindingsOf(d.id);
    const first = list[0];
    if (first === undefined) return;
    const cleared = clearPasidPresent(this.p.iommu, first.device, d.id, true);
    if (cleared.ok) this.p.iommu = cleared.value;
    this.binds.delete(d.id);
    this.p.work.schedule(`iommu-teardown ${d.id}`, () => {
      for (const b of list) {
        this.teardown(b.device, d.id, true);
        this.release(null, d.id);
      }
    });
  }
}

export const iommuFreeClearsOneDevice: DriverMutant = {
  name: "iommu-free-clears-one-device",
  breaks: "a PASID freed while bound on two devices keeps translating on the second one until the deferred teardown runs: that device's DMA still reaches the freed PASID's address space, with faults unsuppressed.",
  drivers: { ...CORRECT_DRIVERS, iommu: (p) => new IommuFreeClearsOneDevice(p) },
};
