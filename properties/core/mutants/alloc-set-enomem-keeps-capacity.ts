/**
 * Bug: alloc_set reserves the new set's quota from the capacity before it allocates the set
 * record, and its ENOMEM path does not give the reservation back.
 */
import type { Token } from "../../../api/commands.js";
import type { CallResult } from "../../../api/result.js";
import { ImplCore } from "../../../impl/core.js";
import type { Mutant } from "./mutant.js";

class AllocSetEnomemKeepsCapacity extends ImplCore {
  override allocSet(token: Token, quota: number): CallResult {
    const r = super.allocSet(token, quota);
    if (!r.ok && r.errno === "ENOMEM") this.sets.quotaSum += quota;
    return r;
  }
}

export const allocSetEnomemKeepsCapacity: Mutant = {
  name: "alloc-set-enomem-keeps-capacity",
  breaks: "every VM whose creation fails for lack of memory leaks its quota reservation, until the host can create no set for new guests.",
  make: (capacity) => new AllocSetEnomemKeepsCapacity({ capacity }),
};
