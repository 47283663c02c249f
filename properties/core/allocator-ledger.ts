/**
 * The custom allocators' side of the books: every number a custom allocator hands out must come
 * back to that allocator exactly once, at reclaim, and never while anything still names it.
 *
 * Rules:
 *  1. The ledger records, per functions key (one ID space, api/core.ts AllocatorOps), the
 *     numbers its `alloc` handed out and not yet got back, and every `free` call of the step.
 *  2. After each step, with the spec's states before and after it:
 *     - a number handed back must be outstanding in that space (not never given, not twice);
 *     - it must have been reclaimed by this step, out of that space (not still live, not
 *       handed back for another ID's reclaim);
 *     - every ID of a custom space the step reclaimed must have been handed back to it.
 *  3. A number the core refused (D29) stays outstanding: the spec never gives it back, and a
 *     core that does hands back a number no ID of it ever had.
 */
import { activeSpace } from "../../spec/derived.js";
import type { CoreState } from "../../spec/state.js";

/** One `free` call: its space and the number. */
interface Returned {
  readonly key: string;
  readonly id: number;
}

/** The books of every custom space (rule 1). */
export class AllocatorLedger {
  private readonly outstanding = new Map<string, Set<number>>();
  private returned: Returned[] = [];

  private of(key: string): Set<number> {
    let s = this.outstanding.get(key);
    if (s === undefined) {
      s = new Set();
      this.outstanding.set(key, s);
    }
    return s;
  }

  /** `alloc` of space `key` answered `id` (INVALID excluded by the caller). */
  handedOut(key: string, id: number): void {
    this.of(key).add(id);
  }

  /** `free(id)` of space `key` was called. */
  handedBack(key: string, id: number): void {
    this.returned.push({ key, id });
  }

  /**
   * Rule 2 for the step that took the spec from `before` to `after`, in which the IDs `created`
   * were allocated (it may be reclaimed within the same step, by a handler): the first
   * violation, or null; the step's `free` calls are settled either way.
   */
  settle(before: CoreState, after: CoreState, created: readonly number[]): string | null {
    const returned = this.returned;
    this.returned = [];
    const reclaimed = new Map<string, Set<number>>();
    const gone = (fns: string, id: number) => reclaimed.set(fns, (reclaimed.get(fns) ?? new Set<number>()).add(id));
    for (const r of before.ids.values()) if (r.space.kind === "custom" && !after.ids.has(r.id)) gone(r.space.fns, r.id);
    const space = activeSpace(before);
    if (space.kind === "custom") for (const id of created) if (!after.ids.has(id) && !before.ids.has(id)) gone(space.fns, id);
    for (const r of returned) {
      const out = this.of(r.key);
      if (!out.has(r.id)) return `allocator ${r.key}: ID ${r.id} handed back to an allocator that does not have it out (never given, or given back twice)`;
      out.delete(r.id);
      if (after.ids.has(r.id)) return `allocator ${r.key}: ID ${r.id} handed back while it is still live (${after.ids.get(r.id)?.state ?? "?"})`;
      if (reclaimed.get(r.key)?.delete(r.id) !== true) return `allocator ${r.key}: ID ${r.id} handed back without being reclaimed from that allocator's space`;
    }
    for (const [key, ids] of reclaimed) {
      const first = [...ids][0];
      if (first !== undefined) return `allocator ${key}: ID ${first} was reclaimed but never handed back to its allocator`;
    }
    return null;
  }
}
