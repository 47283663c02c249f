/**
 * Bug: on FREE the VDCM queues the clearing of the first of its WQs carrying the PASID and stops
 * looking.
 */
import type { Delivery } from "../../../api/notification.js";
import { Vdcm } from "../../../hw-model/drivers/vdcm.js";
import { CORRECT_DRIVERS } from "../../../hw-model/system/drivers.js";
import type { DriverMutant } from "./mutant.js";

class VdcmFreeClearsOneWq extends Vdcm {
  protected override onEvent(d: Delivery): void {
    if (d.event !== "FREE") return;
    for (const [wq, host] of this.programmed) {
      if (host !== d.id) continue;
      this.p.work.schedule(`${this.name}-clear wq${wq}`, () => {
        if (this.programmed.get(wq) === d.id) this.mdevClear(wq);
      });
      return;
    }
  }
}

export const vdcmFreeClearsOneWq: DriverMutant = {
  name: "vdcm-free-clears-one-wq",
  breaks: "a PASID the guest programmed on two WQs and then freed stays on the second WQ with the VDCM's reference: the PASID is never reclaimed and the guest's quota and set leak.",
  drivers: { ...CORRECT_DRIVERS, vdcm: (p, vm) => new VdcmFreeClearsOneWq(p, vm) },
};
