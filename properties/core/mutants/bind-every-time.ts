/**
 * Bug: BIND is delivered on every device bind, not only the first.
 */
import { ImplCore } from "../../../impl/core.js";
import type { IoasidEvent } from "../../../api/notification.js";
import type { CallResult } from "../../../api/result.js";
import { ALLOCATED } from "../../../impl/id-table.js";
import type { Mutant } from "./mutant.js";

class BindEveryTime extends ImplCore {
  override notify(set: number | null, id: number, event: IoasidEvent): CallResult {
    const before = event === "BIND" && this.inspectId(id) !== null ? this.ids.bindsOf(id) : 0;
    const r = super.notify(set, id, event);
    const owner = this.sets.lookup(this.ids.ownerOf(id));
    if (r.ok && event === "BIND" && before > 0 && owner !== undefined && this.ids.stateOf(id) === ALLOCATED) {
      this.publish("BIND", id, owner, true);
    }
    return r;
  }
}

export const bindEveryTime: Mutant = {
  name: "bind-every-time",
  breaks: "KVM takes one reference per BIND but drops one per delivered UNBIND, so a PASID bound on two devices leaks a reference and is never reclaimed.",
  make: (capacity) => new BindEveryTime({ capacity }),
};
