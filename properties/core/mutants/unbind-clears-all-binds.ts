/**
 * Bug: UNBIND forgets that an ID counts its binds. Any UNBIND of an ALLOCATED ID clears every
 * bind and delivers UNBIND, even while another device keeps the ID bound.
 */
import { ImplCore } from "../../../impl/core.js";
import type { IoasidEvent } from "../../../api/notification.js";
import type { CallResult } from "../../../api/result.js";
import { ALLOCATED } from "../../../impl/id-table.js";
import type { Mutant } from "./mutant.js";

class UnbindClearsAllBinds extends ImplCore {
  override notify(set: number | null, id: number, event: IoasidEvent): CallResult {
    const bound = event === "UNBIND" && this.inspectId(id) !== null && this.ids.stateOf(id) === ALLOCATED ? this.ids.bindsOf(id) : 0;
    if (bound >= 2) this.ids.setBinds(id, 1); // the other devices' binds are forgotten
    return super.notify(set, id, event);
  }
}

export const unbindClearsAllBinds: Mutant = {
  name: "unbind-clears-all-binds",
  breaks: "when one of two devices sharing a PASID unbinds, KVM and the IOMMU driver are told the PASID is unbound everywhere and tear down the other device's translation while it still issues DMA.",
  make: (capacity) => new UnbindClearsAllBinds({ capacity }),
};
