/**
 * Bug: clearing a WQ, the VDCM removes its PASID configuration but does not drain the PASID from
 * the device before dropping its reference.
 */
import { clearWqPasid } from "../../../hw-model/dsa/index.js";
import { Vdcm } from "../../../hw-model/drivers/vdcm.js";
import { dsaOk } from "../../../hw-model/drivers/platform.js";
import { CORRECT_DRIVERS } from "../../../hw-model/system/drivers.js";
import type { DriverMutant } from "./mutant.js";

class VdcmSkipsDrain extends Vdcm {
  protected override clearDevice(wq: number): void {
    this.p.dsa = dsaOk(clearWqPasid(this.p.dsa, wq), "vdcm clear");
  }
}

export const vdcmSkipsDrain: DriverMutant = {
  name: "vdcm-skips-drain",
  breaks: "descriptors the guest submitted before the clear are still in flight when the PASID is released, so once it is reclaimed and handed to another VM the shared device's DMA lands in the new owner's memory.",
  drivers: { ...CORRECT_DRIVERS, vdcm: (p, vm) => new VdcmSkipsDrain(p, vm) },
};
