/**
 * Bug: destroying a set puts its MM notifiers back on the pending list but leaves each one's
 * link to the destroyed set in place. Unregistering such a notifier then unhooks it from the
 * dead set's chain only: it stays pending, and the next set of its mm delivers to it. Only a set
 * destroyed while MM notifiers are attached to it shows the stale link.
 */
import { ImplCore } from "../../../impl/core.js";
import type { SetRec } from "../../../impl/sets.js";
import type { Mutant } from "./mutant.js";

class MmNotifiersDangle extends ImplCore {
  protected override destroySet(s: SetRec): void {
    const live = this.sets.lookup(s.handle) === s;
    const mmEntries = live ? s.chain.filter((e) => e.origin === "mm") : [];
    super.destroySet(s);
    for (const e of mmEntries) e.attached = s; // the stale link
  }
}

export const mmNotifiersDangle: Mutant = {
  name: "mm-notifiers-dangle",
  breaks: "after VFIO destroys a VM's set, KVM's MM notifier still points at the freed set: when KVM unregisters it stays on the pending list, and the next VM of that mm calls into KVM code that is gone.",
  make: (capacity) => new MmNotifiersDangle({ capacity }),
};
