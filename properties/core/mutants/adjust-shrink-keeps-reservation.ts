/**
 * Bug: adjust_set that lowers a quota keeps the old reservation in the capacity sum (only
 * increases are accounted), so the room left shrinks below what is really free.
 */
import { ImplCore } from "../../../impl/core.js";
import type { CallResult } from "../../../api/result.js";
import type { Mutant } from "./mutant.js";

class AdjustShrinkKeepsReservation extends ImplCore {
  override adjustSet(set: number, quota: number): CallResult {
    const before = this.sets.lookup(set)?.quota;
    const r = super.adjustSet(set, quota);
    if (r.ok && before !== undefined && quota < before) this.sets.quotaSum += before - quota;
    return r;
  }
}

export const adjustShrinkKeepsReservation: Mutant = {
  name: "adjust-shrink-keeps-reservation",
  breaks: "a VM whose PASID quota is lowered keeps the old reservation, so capacity given back by shrinking never reaches other guests and set creation fails with ENOSPC on a host with room.",
  make: (capacity) => new AdjustShrinkKeepsReservation({ capacity }),
};
