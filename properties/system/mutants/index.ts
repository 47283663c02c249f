/**
 * The broken drivers the system suite must catch, grouped by the blind-spot class they probe.
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
import { vmmQuotaCreep } from "./vmm-quota-creep.js";
import { vmmKeepsRefusedQuota } from "./vmm-keeps-refused-quota.js";
import { iommuFpdLate } from "./iommu-fpd-late.js";
import { iommuExitReportsFaults } from "./iommu-exit-reports-faults.js";
import { vdcmSkipsDrain } from "./vdcm-skips-drain.js";
import { iommuUnbindForgetsDevices } from "./iommu-unbind-forgets-devices.js";
import { iommuFreeClearsOneDevice } from "./iommu-free-clears-one-device.js";
import { vdcmFreeClearsOneWq } from "./vdcm-free-clears-one-wq.js";
import { vmmUnbindForgetsBinds } from "./vmm-unbind-forgets-binds.js";

export type { DriverMutant } from "./mutant.js";

export const DRIVER_MUTANTS: readonly DriverMutant[] = [
  vdcmReleaseBeforeClear, kvmKeepsRefs, iommuSkipsTlbFlush, vmmDropsGuestFlush, kvmRegistersLate,
  vdcmReprogramLeaks, iommuSkipsPasidCacheFlush, kvmIgnoresUnbind,
  // capacity and quota edges
  vmmQuotaCreep, vmmKeepsRefusedQuota,
  // hardware-visible flags: fault reporting, drain
  iommuFpdLate, iommuExitReportsFaults, vdcmSkipsDrain,
  // rare combinations on one PASID
  iommuUnbindForgetsDevices, iommuFreeClearsOneDevice, vdcmFreeClearsOneWq, vmmUnbindForgetsBinds,
];
