/**
 * Bug: unbinding a PASID from one device, the IOMMU driver tears that device's entry down but
 * drops its record of every binding of the PASID, other devices included.
 */
import type { CallResult } from "../../../api/result.js";
import { err } from "../../../api/result.js";
import { IommuDriver } from "../../../hw-model/drivers/iommu-driver.js";
import { CORRECT_DRIVERS } from "../../../hw-model/system/drivers.js";
import type { DriverMutant } from "./mutant.js";

class IommuUnbindForgetsDevices extends IommuDriver {
  override unbind(set: number, pasid: number, device: number): CallResult {
    const found = this.p.core.find(set, pasid, "none");
    if (!found.ok) return found;
    if (!this.bindingsOf(pasid).some((b) => b.device === device)) return err("EINVAL");
    this.teardown(device, pasid, false);
    this.binds.delete(pasid);
    const published = this.p.core.notify(set, pasid, "UNBIND");
    this.release(set, pasid);
    return published;
  }
}

export const iommuUnbindForgetsDevices: DriverMutant = {
  name: "iommu-unbind-forgets-devices",
  breaks: "after a PASID bound on two devices is unbound from one, the other device's entry stays present with nobody tracking it: FREE no longer tears it down and its bind reference is never dropped, so the PASID is never reclaimed.",
  drivers: { ...CORRECT_DRIVERS, iommu: (p) => new IommuUnbindForgetsDevices(p) },
};
