/**
 * The VT-d scalable-mode model: one import point for drivers and property suites.
 *
 * Rules:
 *  1. Re-exports only, by name; the rules of each part are stated in its own file.
 */
export { type VtdResult, vtdOk, vtdErr } from "./result.js";
export {
  type DeviceId,
  PASID_DIRECTORY_ENTRIES,
  PASID_TABLE_ENTRIES,
  MAX_DID,
  pasidError,
  didError,
  directoryIndex,
  tableIndex,
  pasidAt,
  deviceName,
} from "./ids.js";
export {
  type Pgtt,
  type FirstLevelTable,
  type SecondLevelTable,
  type PasidEntry,
  type EntryOptions,
  PGTT,
  isPgtt,
  validateEntry,
  entrySpace,
  nestedEntry,
  firstLevelEntry,
  secondLevelEntry,
  passThroughEntry,
} from "./pasid-entry.js";
export {
  type ContextEntry,
  type PasidTable,
  type PasidDirectory,
  type DeviceTables,
  type TableWalk,
  type NamingEntry,
  emptyDeviceTables,
  setContext,
  tableAt,
  walkTables,
  lookup,
  setEntry,
  clearPresent,
  removeEntry,
  entriesNaming,
  entryCount,
  tableCount,
} from "./pasid-table.js";
export {
  type IotlbEntry,
  type PageRequest,
  type VtdCaches,
  type InvalidationDescriptor,
  type CacheCounts,
  emptyCaches,
  iotlbKey,
  lookupPasidCache,
  lookupIotlb,
  lookupDevTlb,
  fillPasidCache,
  fillIotlb,
  fillDevTlb,
  addPageRequest,
  descriptorError,
  submit,
  cacheCounts,
  cachesEmpty,
} from "./caches.js";
export {
  type VtdDevice,
  type FaultRecord,
  type IommuState,
  type DmaOutcome,
  type DeviceOptions,
  emptyIommu,
  addDevice,
  setContextEntry,
  setPasidEntry,
  clearPasidPresent,
  removePasidEntry,
  submitInvalidation,
  recordPageRequest,
  resolveDma,
} from "./iommu.js";
export {
  type TeardownStep,
  teardownSteps,
  teardownStepsFor,
  applyTeardownStep,
  applyTeardownSteps,
} from "./teardown.js";
export { type PasidHolder, type NamedPasid, type VtdCounts, namedPasids, counts, isEmpty } from "./inventory.js";
