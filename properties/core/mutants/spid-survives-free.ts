/**
 * Bug: free leaves the ID's SPID in the set's SPID index (the erase is missing from the free path).
 */
import { ImplCore } from "../../../impl/core.js";
import type { SetRec } from "../../../impl/sets.js";
import type { Mutant } from "./mutant.js";

class SpidSurvivesFree extends ImplCore {
  protected override freeId(id: number, owner: SetRec): void {
    const spid = this.ids.spidOf(id);
    super.freeId(id, owner);
    if (spid !== 0 && this.sets.lookup(owner.handle) === owner && !owner.bySpid.has(spid)) owner.bySpid.set(spid, id);
  }
}

export const spidSurvivesFree: Mutant = {
  name: "spid-survives-free",
  breaks: "a guest's write of a freed GPASID still resolves to the old host PASID, in its quiet period or even after the number was reclaimed and handed to another owner, and the guest cannot attach that GPASID to a new PASID.",
  make: (capacity) => new SpidSurvivesFree({ capacity }),
};
