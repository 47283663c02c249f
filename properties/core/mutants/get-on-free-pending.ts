/**
 * Bug: get succeeds on a FREE_PENDING ID (the state check is missing).
 */
import { ImplCore } from "../../../impl/core.js";
import type { CallResult } from "../../../api/result.js";
import { err, ok } from "../../../api/result.js";
import { isIdNumber } from "../../../spec/state.js";
import type { Mutant } from "./mutant.js";

class GetOnFreePending extends ImplCore {
  protected override doGet(set: number | null, id: number): CallResult {
    if (!isIdNumber(id)) return err("EINVAL");
    const refused = this.resolve(set, id, null, false);
    if (refused !== null) return refused;
    this.ids.setRefs(id, this.ids.refsOf(id) + 1);
    return ok(null);
  }
}

export const getOnFreePending: Mutant = {
  name: "get-on-free-pending",
  breaks: "a subscriber can take a new reference on an ID that is being freed, postponing reclaim forever and acting on an ID its owner gave up.",
  make: (capacity) => new GetOnFreePending({ capacity }),
};
