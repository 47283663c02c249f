/**
 * Bug: destroying a set unregisters its MM notifiers instead of returning them to the pending list.
 */
import { ImplCore } from "../../../impl/core.js";
import type { SetRec } from "../../../impl/sets.js";
import type { Mutant } from "./mutant.js";

class MmNotifiersDropped extends ImplCore {
  protected override destroySet(s: SetRec): void {
    if (this.sets.lookup(s.handle) === s) for (const e of s.chain) if (e.origin === "mm") this.notifiers.remove(e);
    super.destroySet(s);
  }
}

export const mmNotifiersDropped: Mutant = {
  name: "mm-notifiers-dropped",
  breaks: "when VFIO destroys and recreates a VM's set, KVM (which outlives it) is silently unregistered and never hears BIND or FREE for the new set's PASIDs, so its VMCS table goes stale.",
  make: (capacity) => new MmNotifiersDropped({ capacity }),
};
