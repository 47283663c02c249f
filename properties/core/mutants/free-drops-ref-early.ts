/**
 * Bug: free drops the allocation's reference before it delivers FREE, not after.
 */
import { ImplCore } from "../../../impl/core.js";
import type { SetRec } from "../../../impl/sets.js";
import { FREE_PENDING } from "../../../impl/id-table.js";
import type { Mutant } from "./mutant.js";

class FreeDropsRefEarly extends ImplCore {
  protected override freeId(id: number, owner: SetRec): void {
    this.ids.markPending(id, owner);
    const spid = this.ids.spidOf(id);
    if (spid !== 0 && owner.bySpid.get(spid) === id) owner.bySpid.delete(spid);
    this.ids.releaseAllocationRef(id);
    this.dropRef(id);
    if (this.ids.stateOf(id) === FREE_PENDING) this.publish("FREE", id, owner, true);
  }
}

export const freeDropsRefEarly: Mutant = {
  name: "free-drops-ref-early",
  breaks: "FREE handlers run one reference short, so a handler's put_locked can reclaim the PASID while later handlers are still to be told about it, and a PASID nobody else holds is reclaimed without any FREE being delivered.",
  make: (capacity) => new FreeDropsRefEarly({ capacity }),
};
