/**
 * Bug: register_notifier_mm for an mm whose set is dying attaches the notifier to that dying
 * set's chain instead of the pending list (D24), and takes a new place in the delivery order.
 */
import { ImplCore } from "../../../impl/core.js";
import type { NotifierBlock } from "../../../api/core.js";
import type { CallResult } from "../../../api/result.js";
import type { Mutant } from "./mutant.js";

class MmNotifierJoinsDyingSet extends ImplCore {
  override registerNotifierMm(mm: number, nb: NotifierBlock): CallResult {
    const r = super.registerNotifierMm(mm, nb);
    const s = this.sets.byMmToken(mm);
    const e = this.notifiers.lookup(nb.name);
    if (r.ok && s !== undefined && s.dying && e !== undefined && e.attached === null) {
      this.notifiers.remove(e);
      this.notifiers.addMm(mm, s, e.name, e.rank, e.handler);
    }
    return r;
  }
}

export const mmNotifierJoinsDyingSet: Mutant = {
  name: "mm-notifier-joins-dying-set",
  breaks: "KVM registering while the VM's old set is still dying is hung on the dead set's chain instead of waiting for the new one, and comes back later out of its registration order.",
  make: (capacity) => new MmNotifierJoinsDyingSet({ capacity }),
};
