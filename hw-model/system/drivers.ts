/**
 * The driver set a system is built from. Broken variants replace one factory.
 */
import { IommuDriver } from "../drivers/iommu-driver.js";
import { KvmDriver } from "../drivers/kvm-driver.js";
import { Vdcm } from "../drivers/vdcm.js";
import { Vmm } from "../drivers/vmm.js";
import type { Platform } from "../drivers/platform.js";

/** How to make each driver. */
export interface DriverSet {
  readonly iommu: (p: Platform) => IommuDriver;
  readonly kvm: (p: Platform, vm: number, mm: number) => KvmDriver;
  readonly vdcm: (p: Platform, vm: number) => Vdcm;
  readonly vmm: (p: Platform, vm: number, mm: number, iommu: IommuDriver, vdcm: Vdcm) => Vmm;
}

/** The correct drivers. */
export const CORRECT_DRIVERS: DriverSet = {
  iommu: (p) => new IommuDriver(p),
  kvm: (p, vm, mm) => new KvmDriver(p, vm, mm),
  vdcm: (p, vm) => new Vdcm(p, vm),
  vmm: (p, vm, mm, iommu, vdcm) => new Vmm(p, vm, mm, iommu, vdcm),
};
