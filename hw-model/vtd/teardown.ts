/**
 * The canonical teardown of one PASID on one device, as data a driver applies step by step.
 *
 * Rules:
 *  1. The order is the hardware's: (1) clear the entry's present bit, keeping FPD (or setting it
 *     when faults are expected, e.g. the process is exiting), so no new walk succeeds; (2) PASID-
 *     selective PASID-cache invalidation (DID, PASID); (3) PASID-based IOTLB invalidation (DID,
 *     PASID); (4) PASID-based device-TLB invalidation (device, PASID); (5) drain the device's page
 *     requests for the PASID; (6) empty the table slot.
 *  2. Step 6 goes beyond the kernel, which leaves the cleared entry in place: once requests are
 *     drained nothing needs its FPD any more, and an emptied slot is what makes the structure
 *     name no dead PASID (the no-leak property). A driver may skip it and be caught.
 *  3. The DID of steps 2-3 must be the one the cached snapshots and translations carry: the DID
 *     of the entry being torn down. `teardownStepsFor` reads it from the table.
 *  4. Every step is a plain value; `applyTeardownStep` performs one, so a faulty driver can skip,
 *     repeat or reorder steps and the model shows the consequence.
 *  5. The device-TLB step is listed even for a device without ATS (it then matches nothing).
 */
import type { InvalidationDescriptor } from "./caches.js";
import { deviceName, type DeviceId } from "./ids.js";
import { clearPasidPresent, removePasidEntry, submitInvalidation, type IommuState } from "./iommu.js";
import { lookup } from "./pasid-table.js";
import { vtdErr, vtdOk, type VtdResult } from "./result.js";

/** One step of a PASID teardown. */
export type TeardownStep =
  | { readonly kind: "clear-present"; readonly device: DeviceId; readonly pasid: number; readonly setFpd: boolean }
  | { readonly kind: "invalidate"; readonly descriptor: InvalidationDescriptor }
  | { readonly kind: "remove-entry"; readonly device: DeviceId; readonly pasid: number };

/** The six teardown steps of `pasid` on `device`, whose entry carries `did`. */
export const teardownSteps = (device: DeviceId, pasid: number, did: number, setFpd = false): readonly TeardownStep[] => [
  { kind: "clear-present", device, pasid, setFpd },
  { kind: "invalidate", descriptor: { kind: "pasid-cache", did, pasid } },
  { kind: "invalidate", descriptor: { kind: "piotlb", did, pasid } },
  { kind: "invalidate", descriptor: { kind: "dev-tlb", device, pasid } },
  { kind: "invalidate", descriptor: { kind: "drain-prq", device, pasid } },
  { kind: "remove-entry", device, pasid },
];

/** The teardown steps for the entry `device` holds at `pasid` (its DID read from the table). */
export const teardownStepsFor = (
  state: IommuState,
  device: DeviceId,
  pasid: number,
  setFpd = false,
): VtdResult<readonly TeardownStep[]> => {
  const dev = state.devices.get(device);
  if (dev === undefined) return vtdErr(`unknown ${deviceName(device)}`);
  const found = lookup(dev.tables, pasid);
  if (!found.ok) return found;
  if (found.value === null) return vtdErr(`${deviceName(device)} has no PASID entry for PASID ${pasid}`);
  return vtdOk(teardownSteps(device, pasid, found.value.did, setFpd));
};

/** Perform one teardown step. */
export const applyTeardownStep = (state: IommuState, step: TeardownStep): VtdResult<IommuState> => {
  switch (step.kind) {
    case "clear-present":
      return clearPasidPresent(state, step.device, step.pasid, step.setFpd);
    case "invalidate":
      return submitInvalidation(state, step.descriptor);
    case "remove-entry":
      return removePasidEntry(state, step.device, step.pasid);
  }
};

/** Perform steps in order, stopping at the first refused one. */
export const applyTeardownSteps = (state: IommuState, steps: readonly TeardownStep[]): VtdResult<IommuState> => {
  let s = state;
  for (const step of steps) {
    const r = applyTeardownStep(s, step);
    if (!r.ok) return r;
    s = r.value;
  }
  return vtdOk(s);
};
