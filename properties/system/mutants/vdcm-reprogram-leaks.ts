/**
 * Bug: the VDCM reprograms a WQ without first clearing and releasing the PASID it carried.
 */
import type { CallResult } from "../../../api/result.js";
import { err, ok } from "../../../api/result.js";
import { configureDedicated } from "../../../hw-model/dsa/index.js";
import { Vdcm } from "../../../hw-model/drivers/vdcm.js";
import { dsaOk, vmWqs } from "../../../hw-model/drivers/platform.js";
import { bump } from "../../../hw-model/drivers/ref-holder.js";
import { CORRECT_DRIVERS } from "../../../hw-model/system/drivers.js";
import type { DriverMutant } from "./mutant.js";

class VdcmReprogramLeaks extends Vdcm {
  override mdevWrite(wq: number, gpasid: number): CallResult {
    if (this.set === null || !vmWqs(this.p.shape, this.vm).includes(wq)) return err("EACCES");
    const found = this.p.core.findBySpid(this.set, gpasid);
    if (!found.ok || typeof found.value !== "number") return found;
    const host = found.value;
    bump(this.refs, host, 1);
    this.p.dsa = dsaOk(configureDedicated(this.p.dsa, wq, { pasid: host, pasidEnabled: true, privileged: false }), "vdcm program");
    this.programmed.set(wq, host);
    return ok(null);
  }
}

export const vdcmReprogramLeaks: DriverMutant = {
  name: "vdcm-reprogram-leaks",
  breaks: "the reference taken for the PASID a WQ carried before is never dropped, so that PASID stays FREE_PENDING forever once freed: its ID, the VM's quota and the set leak.",
  drivers: { ...CORRECT_DRIVERS, vdcm: (p, vm) => new VdcmReprogramLeaks(p, vm) },
};
