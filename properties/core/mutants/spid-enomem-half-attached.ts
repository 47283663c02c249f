/**
 * Bug: attach_spid writes the SPID into the ID's record before it allocates the set's index
 * entry, and its ENOMEM path leaves the record half attached: the ID claims a SPID that
 * find_by_spid cannot find and that a retry refuses (EBUSY).
 */
import type { CallResult } from "../../../api/result.js";
import { ImplCore } from "../../../impl/core.js";
import type { Mutant } from "./mutant.js";

class SpidEnomemHalfAttached extends ImplCore {
  override attachSpid(set: number | null, id: number, spid: number): CallResult {
    const r = super.attachSpid(set, id, spid);
    if (!r.ok && r.errno === "ENOMEM") this.ids.setSpid(id, spid);
    return r;
  }
}

export const spidEnomemHalfAttached: Mutant = {
  name: "spid-enomem-half-attached",
  breaks: "a guest PASID whose binding fails for lack of memory keeps a guest PASID that no lookup finds and a retry refuses, so the guest's device can never be bound.",
  make: (capacity) => new SpidEnomemHalfAttached({ capacity }),
};
