/**
 * Bug: the VMM counts the guest's PASID budget by the GPASIDs the guest holds, forgetting that
 * freed PASIDs still waiting for their teardown count against the set's quota; when the core
 * refuses with EDQUOT it grows the set's quota by one to honour its own count.
 */
import type { CallResult } from "../../../api/result.js";
import { Vmm } from "../../../hw-model/drivers/vmm.js";
import { CORRECT_DRIVERS } from "../../../hw-model/system/drivers.js";
import type { DriverMutant } from "./mutant.js";

class VmmQuotaCreep extends Vmm {
  private granted = 0;
  private quota = 0;

  override create(quota: number): CallResult {
    this.granted = quota;
    this.quota = quota;
    return super.create(quota);
  }

  override adjustQuota(quota: number): CallResult {
    const r = super.adjustQuota(quota);
    if (r.ok) {
      this.granted = quota;
      this.quota = quota;
    }
    return r;
  }

  override vcmdAlloc(): CallResult {
    const r = super.vcmdAlloc();
    if (r.ok || r.errno !== "EDQUOT" || this.set === null || this.gpasids.size >= this.granted) return r;
    if (!this.p.core.adjustSet(this.set, this.quota + 1).ok) return r;
    this.quota++;
    return super.vcmdAlloc();
  }
}

export const vmmQuotaCreep: DriverMutant = {
  name: "vmm-quota-creep",
  breaks: "a guest that frees PASIDs still held by KVM, the VDCM or the IOMMU can allocate past the quota the host granted it, taking capacity promised to other VMs and processes.",
  drivers: { ...CORRECT_DRIVERS, vmm: (p, vm, mm, iommu, vdcm) => new VmmQuotaCreep(p, vm, mm, iommu, vdcm) },
};
