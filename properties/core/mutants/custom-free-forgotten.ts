/**
 * Bug: reclaim gives the number back to the core's own namespace but never calls the custom
 * allocator's free, so the allocator believes every number it ever handed out is still in use.
 */
import { ImplCore } from "../../../impl/core.js";
import type { AllocatorGroup } from "../../../impl/allocators.js";
import type { Mutant } from "./mutant.js";

class CustomFreeForgotten extends ImplCore {
  protected override calloutFree(_group: AllocatorGroup, _id: number): void {
    // forgotten
  }
}

export const customFreeForgotten: Mutant = {
  name: "custom-free-forgotten",
  breaks: "a guest's virtual command allocator (vcmd) never gets its PASIDs back, so after enough allocations the guest runs out of PASIDs while the host has plenty.",
  make: (capacity) => new CustomFreeForgotten({ capacity }),
};
