/**
 * Bug: the VMM answers the guest's vcmd allocation from its own copy of the quota, and records a
 * new quota before asking the core, keeping it when the core refuses the change (EBUSY below the
 * PASIDs held, ENOSPC beyond the capacity left).
 */
import type { CallResult } from "../../../api/result.js";
import { err } from "../../../api/result.js";
import { Vmm } from "../../../hw-model/drivers/vmm.js";
import { CORRECT_DRIVERS } from "../../../hw-model/system/drivers.js";
import type { DriverMutant } from "./mutant.js";

class VmmKeepsRefusedQuota extends Vmm {
  private limit = 0;

  override create(quota: number): CallResult {
    this.limit = quota;
    return super.create(quota);
  }

  override adjustQuota(quota: number): CallResult {
    this.limit = quota;
    return super.adjustQuota(quota);
  }

  override vcmdAlloc(): CallResult {
    if (this.gpasids.size >= this.limit) return err("EDQUOT");
    return super.vcmdAlloc();
  }
}

export const vmmKeepsRefusedQuota: DriverMutant = {
  name: "vmm-keeps-refused-quota",
  breaks: "after the host's refused attempt to shrink a VM's quota below the PASIDs it holds, the guest is refused PASIDs its real quota still allows, as if the shrink had happened.",
  drivers: { ...CORRECT_DRIVERS, vmm: (p, vm, mm, iommu, vdcm) => new VmmKeepsRefusedQuota(p, vm, mm, iommu, vdcm) },
};
