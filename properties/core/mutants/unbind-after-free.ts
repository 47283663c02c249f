/**
 * Bug: freeing an ID that is still bound also delivers UNBIND, right after FREE (the core
 * "unbinds" it on the drivers' behalf).
 */
import { ImplCore } from "../../../impl/core.js";
import type { IoasidEvent } from "../../../api/notification.js";
import type { SetRec } from "../../../impl/sets.js";
import type { Mutant } from "./mutant.js";

class UnbindAfterFree extends ImplCore {
  protected override publish(event: IoasidEvent, id: number, owner: SetRec, withGlobal: boolean): void {
    super.publish(event, id, owner, withGlobal);
    if (event === "FREE" && this.ids.bindsOf(id) > 0) super.publish("UNBIND", id, owner, true);
  }
}

export const unbindAfterFree: Mutant = {
  name: "unbind-after-free",
  breaks: "subscribers that already tore a bound PASID down on FREE are told to unbind it again, so one that does not re-check its own state drops a reference it no longer holds and the PASID can be reclaimed while another holder still uses it.",
  make: (capacity) => new UnbindAfterFree({ capacity }),
};
