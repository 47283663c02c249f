/**
 * Bug: free reclaims the ID at once, ignoring the references other parties still hold.
 */
import { ImplCore } from "../../../impl/core.js";
import type { SetRec } from "../../../impl/sets.js";
import { FREE_PENDING } from "../../../impl/id-table.js";
import type { Mutant } from "./mutant.js";

class ReclaimIgnoringRefs extends ImplCore {
  protected override freeId(id: number, owner: SetRec): void {
    super.freeId(id, owner);
    if (this.ids.stateOf(id) !== FREE_PENDING) return;
    this.ids.setRefs(id, 1);
    this.dropRef(id);
  }
}

export const reclaimIgnoringRefs: Mutant = {
  name: "reclaim-ignoring-refs",
  breaks: "free returns the number to the pool while KVM, the VDCM or the IOMMU still hold references, so it can be handed to another owner while hardware still names it.",
  make: (capacity) => new ReclaimIgnoringRefs({ capacity }),
};
