/**
 * Bug: alloc raises the set's count of held IDs before it allocates the ID record, and its
 * ENOMEM path forgets to lower it again: each failed allocation eats one slot of the quota.
 */
import type { PrivateData } from "../../../api/commands.js";
import type { CallResult } from "../../../api/result.js";
import { ImplCore } from "../../../impl/core.js";
import type { Mutant } from "./mutant.js";

class AllocEnomemKeepsQuota extends ImplCore {
  override alloc(set: number, min: number, max: number, data: PrivateData): CallResult {
    const r = super.alloc(set, min, max, data);
    const s = this.sets.lookup(set);
    if (!r.ok && r.errno === "ENOMEM" && s !== undefined) s.held++;
    return r;
  }
}

export const allocEnomemKeepsQuota: Mutant = {
  name: "alloc-enomem-keeps-quota",
  breaks: "every PASID allocation that fails for lack of memory permanently eats one slot of the VM's quota, until the guest can allocate no PASID at all.",
  make: (capacity) => new AllocEnomemKeepsQuota({ capacity }),
};
