/**
 * The broken drivers the system suite must catch.
 */
import type { DriverMutant } from "./mutant.js";
import { vdcmReleaseBeforeClear } from "./vdcm-release-before-clear.js";
import { kvmKeepsRefs } from "./kvm-keeps-refs.js";
import { iommuSkipsTlbFlush } from "./iommu-skips-tlb-flush.js";
import { vmmDropsGuestFlush } from "./vmm-drops-guest-flush.js";
import { kvmRegistersLate } from "./kvm-registers-late.js";
import { vdcmReprogramLeaks } from "./vdcm-reprogram-leaks.js";
import { iommuSkipsPasidCacheFlush } from "./iommu-skips-pasid-cache-flush.js";
import { kvmIgnoresUnbind } from "./kvm-ignores-unbind.js";

export type { DriverMutant } from "./mutant.js";

export const DRIVER_MUTANTS: readonly DriverMutant[] = [
  vdcmReleaseBeforeClear, kvmKeepsRefs, iommuSkipsTlbFlush, vmmDropsGuestFlush, kvmRegistersLate,
  vdcmReprogramLeaks, iommuSkipsPasidCacheFlush, kvmIgnoresUnbind,
];
