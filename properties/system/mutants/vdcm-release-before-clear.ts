/**
 * Bug: on FREE the VDCM queues the reference release ahead of the device clearing.
 */
import type { Delivery } from "../../../api/notification.js";
import { Vdcm } from "../../../hw-model/drivers/vdcm.js";
import { CORRECT_DRIVERS } from "../../../hw-model/system/drivers.js";
import type { DriverMutant } from "./mutant.js";

class VdcmReleaseFirst extends Vdcm {
  protected override onEvent(d: Delivery): void {
    if (d.event !== "FREE") return;
    for (const [wq, host] of this.programmed) {
      if (host !== d.id) continue;
      this.p.work.schedule(`${this.name}-release wq${wq}`, () => this.release(host));
      this.p.work.schedule(`${this.name}-clear wq${wq}`, () => {
        this.clearDevice(wq, host);
        this.programmed.delete(wq);
      });
    }
  }
}

export const vdcmReleaseBeforeClear: DriverMutant = {
  name: "vdcm-release-before-clear",
  breaks: "the PASID can be reclaimed and handed to another VM while a work queue of the shared DSA device still carries it: PASID life cycles cross on one device.",
  drivers: { ...CORRECT_DRIVERS, vdcm: (p, vm) => new VdcmReleaseFirst(p, vm) },
};
