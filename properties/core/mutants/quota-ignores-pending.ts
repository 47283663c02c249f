/**
 * Bug: a set's count of held IDs drops when an ID is freed, not when it is reclaimed, so
 * FREE_PENDING IDs no longer count against the set.
 */
import { ImplCore } from "../../../impl/core.js";
import type { SetRec } from "../../../impl/sets.js";
import { FREE_PENDING } from "../../../impl/id-table.js";
import type { Mutant } from "./mutant.js";

class QuotaIgnoresPending extends ImplCore {
  /** IDs whose slot was already given back at free. */
  private readonly releasedAtFree = new Set<number>();

  protected override freeId(id: number, owner: SetRec): void {
    super.freeId(id, owner);
    if (this.ids.stateOf(id) !== FREE_PENDING) return;
    owner.held--;
    this.releasedAtFree.add(id);
  }

  protected override reclaim(id: number): void {
    const owner = this.sets.lookup(this.ids.ownerOf(id));
    if (this.releasedAtFree.delete(id) && owner !== undefined) owner.held++; // reclaim gives the slot back (again)
    super.reclaim(id);
  }
}

export const quotaIgnoresPending: Mutant = {
  name: "quota-ignores-pending",
  breaks: "a guest that frees PASIDs still held by KVM or a device can allocate past its quota, and a dying set is destroyed (its quota and MM token released) while its FREE_PENDING PASIDs are still named by hardware.",
  make: (capacity) => new QuotaIgnoresPending({ capacity }),
};
