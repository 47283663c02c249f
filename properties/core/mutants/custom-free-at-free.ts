/**
 * Bug: the custom allocator's free is called when the ID is freed, not when it is reclaimed, so
 * the allocator may hand the number out again while a device or KVM still holds the old ID.
 */
import { ImplCore } from "../../../impl/core.js";
import type { AllocatorGroup } from "../../../impl/allocators.js";
import type { SetRec } from "../../../impl/sets.js";
import { FREE_PENDING } from "../../../impl/id-table.js";
import type { Mutant } from "./mutant.js";

class CustomFreeAtFree extends ImplCore {
  /** IDs already handed back at free: their reclaim does not hand them back again. */
  private readonly early = new Set<number>();

  protected override freeId(id: number, owner: SetRec): void {
    const space = this.ids.spaceOf(id);
    super.freeId(id, owner);
    const group = this.allocators.group(space);
    if (this.ids.stateOf(id) === FREE_PENDING && group !== undefined) {
      this.early.add(id);
      super.calloutFree(group, id);
    }
  }

  protected override calloutFree(group: AllocatorGroup, id: number): void {
    if (this.early.delete(id)) return;
    super.calloutFree(group, id);
  }
}

export const customFreeAtFree: Mutant = {
  name: "custom-free-at-free",
  breaks: "the guest's vcmd allocator gets a PASID back while the device still holds it, hands the same number to another process, and two address spaces share one PASID during the quiet period.",
  make: (capacity) => new CustomFreeAtFree({ capacity }),
};
