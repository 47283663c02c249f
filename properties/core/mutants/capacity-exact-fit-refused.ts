/**
 * Bug: the capacity check compares with >= where > is meant, so a quota that fits the room left
 * exactly (a new set, or a set grown to the last free slot) is refused with ENOSPC.
 */
import { ImplCore } from "../../../impl/core.js";
import type { Token } from "../../../api/commands.js";
import type { CallResult } from "../../../api/result.js";
import { err } from "../../../api/result.js";
import type { Mutant } from "./mutant.js";

class CapacityExactFitRefused extends ImplCore {
  override allocSet(token: Token, quota: number): CallResult {
    // An exact fit is refused like one over the room: the same checks, then ENOSPC.
    return super.allocSet(token, quota === this.sets.remaining ? this.sets.capacity + 1 : quota);
  }

  override adjustSet(set: number, quota: number): CallResult {
    const s = this.sets.lookup(set);
    if (s !== undefined && !s.dying && Number.isInteger(quota) && quota >= s.held && quota > s.quota && quota - s.quota === this.sets.remaining) return err("ENOSPC");
    return super.adjustSet(set, quota);
  }
}

export const capacityExactFitRefused: Mutant = {
  name: "capacity-exact-fit-refused",
  breaks: "the last VM that fits the PASID capacity exactly is refused its set (or its quota increase), so a host that is sized to the last PASID cannot start its last guest.",
  make: (capacity) => new CapacityExactFitRefused({ capacity }),
};
