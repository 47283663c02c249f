/**
 * Bug: alloc takes the core lock recursively, so a handler that allocates (a subscriber setting
 * up a companion PASID from its ALLOC or BIND handler) succeeds instead of answering EDEADLK.
 */
import { ImplCore } from "../../../impl/core.js";
import type { PrivateData } from "../../../api/commands.js";
import type { CallResult } from "../../../api/result.js";
import type { Mutant } from "./mutant.js";

class AllocInHandlerNests extends ImplCore {
  override alloc(set: number, min: number, max: number, data: PrivateData): CallResult {
    if (this.depth === 0 || this.callout !== 0) return super.alloc(set, min, max, data);
    const depth = this.depth;
    this.depth = 0;
    try {
      return super.alloc(set, min, max, data);
    } finally {
      this.depth = depth;
    }
  }
}

export const allocInHandlerNests: Mutant = {
  name: "alloc-in-handler-nests",
  breaks: "an allocation from inside a notifier handler re-enters the core under its own lock: in the kernel a deadlock, here an ID allocated (and ALLOC delivered) in the middle of another event's delivery.",
  scope: "handlers", // a handler must make the call: the default scope's handlers are silent
  make: (capacity) => new AllocInHandlerNests({ capacity }),
};
