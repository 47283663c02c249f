/**
 * AllocatorCalls (layer 2 of ImplCore, see core-state.ts): registering custom allocators (D28)
 * and calling out to them.
 *
 * Rules:
 *  1. Register / unregister validate their arguments, then the registry decides (allocators.ts).
 *  2. A callout (ops.alloc, ops.free) runs with `callout` raised, so every core call made from
 *     inside it answers EDEADLK; try/finally keeps the count exact.
 *  3. A callout's answer is never trusted (D29: the caller re-checks the number) and its
 *     exceptions are caught: a throwing alloc answers -1 (the caller's ENOSPC), a throwing free
 *     is ignored (the number is already back in the core's namespace).
 *  4. Allocation points (api/faults.ts): registerAllocator's record, after every guard.
 */
import type { AllocatorOps } from "../api/core.js";
import type { CallResult } from "../api/result.js";
import type { AllocatorGroup } from "./allocators.js";
import { CoreState } from "./core-state.js";
import { E_INVAL, E_NOMEM, OK_NULL, fail } from "./results.js";
import { isName, readAllocator } from "./validate.js";

export abstract class AllocatorCalls extends CoreState {
  registerAllocator(ops: AllocatorOps): CallResult {
    const ctx = this.unlocked();
    if (ctx !== null) return ctx;
    const a = readAllocator(ops);
    if (a === null) return E_INVAL;
    if (this.allocators.refusal(a.name) === null && this.faults.fails()) return E_NOMEM; // the allocator record
    const refused = this.allocators.register(a.name, a.alloc, a.free);
    return refused === null ? OK_NULL : fail(refused);
  }

  unregisterAllocator(name: string): CallResult {
    const ctx = this.unlocked();
    if (ctx !== null) return ctx;
    if (!isName(name)) return E_INVAL;
    const refused = this.allocators.unregister(name);
    return refused === null ? OK_NULL : fail(refused);
  }

  /** The number `group` hands out in [min, max] (unchecked), or -1 when its alloc throws. */
  protected calloutAlloc(group: AllocatorGroup, min: number, max: number): number {
    this.callout++;
    try {
      return group.alloc(min, max);
    } catch {
      return -1;
    } finally {
      this.callout--;
    }
  }

  /** Hand `id` back to `group`. */
  protected calloutFree(group: AllocatorGroup, id: number): void {
    this.callout++;
    try {
      group.free(id);
    } catch {
      // The number is already back in the core's namespace; the allocator's failure is its own.
    } finally {
      this.callout--;
    }
  }
}
