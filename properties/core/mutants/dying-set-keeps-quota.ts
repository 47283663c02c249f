/**
 * Bug: a set destroyed late, at the reclaim of its last FREE_PENDING ID, releases its MM token
 * but not its quota: the reservation leaks (a set destroyed at once by set_put is fine).
 */
import { ImplCore } from "../../../impl/core.js";
import type { Mutant } from "./mutant.js";

class DyingSetKeepsQuota extends ImplCore {
  protected override reclaim(id: number): void {
    const owner = this.sets.lookup(this.ids.ownerOf(id));
    const last = owner !== undefined && owner.dying && owner.held === 1;
    super.reclaim(id);
    if (last && owner !== undefined && this.sets.lookup(owner.handle) === undefined) this.sets.quotaSum += owner.quota;
  }
}

export const dyingSetKeepsQuota: Mutant = {
  name: "dying-set-keeps-quota",
  breaks: "every VM torn down while a device still held one of its PASIDs leaks its quota reservation, until the host can no longer create sets for new guests.",
  make: (capacity) => new DyingSetKeepsQuota({ capacity }),
};
