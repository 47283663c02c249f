/**
 * Bug: find is made lock-free (an RCU-style lookup) without the rest of the core following, so
 * inside a handler it answers with the private data instead of EDEADLK (D27, D31).
 */
import { ImplCore } from "../../../impl/core.js";
import type { Getter } from "../../../api/commands.js";
import type { CallResult } from "../../../api/result.js";
import type { Mutant } from "./mutant.js";

class FindInHandlerLockfree extends ImplCore {
  override find(set: number | null, id: number, getter: Getter): CallResult {
    if (this.depth === 0 || this.callout !== 0) return super.find(set, id, getter);
    const depth = this.depth;
    this.depth = 0;
    try {
      return super.find(set, id, getter);
    } finally {
      this.depth = depth;
    }
  }
}

export const findInHandlerLockfree: Mutant = {
  name: "find-in-handler-lockfree",
  breaks: "a handler's lookup of the ID being freed succeeds and hands out private data that the FREE path is tearing down under the same lock, the use-after-free a lock-free find invites.",
  scope: "handlers", // a handler must make the call: the default scope's handlers are silent
  make: (capacity) => new FindInHandlerLockfree({ capacity }),
};
