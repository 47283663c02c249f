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
 *  4. The step's `alloc` and `free` calls are settled in the order they were made: a number
 *     handed back and then handed out again within one step (deferred work that frees the
 *     delivered ID, then allocates) is outstanding after the step, and its reclaim is the one
 *     the `free` answered, although an ID of that number is live again after the step.
 *  5. A call that failed an injected allocation (D32) keeps nothing: every number handed out
 *     during it is handed back during it (`settleFailed`).
 *  6. Calls made outside checked steps (a prefix replayed on a fresh core to reach a state, as
 *     explore does) are taken as they are (`absorb`): a number handed out is outstanding, one
 *     handed back is not, so the next checked step is judged on its own calls only.
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
  /** The step's calls, in order (rule 4). */
  private calls: { readonly out: boolean; readonly at: Returned }[] = [];

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
    this.calls.push({ out: true, at: { key, id } });
  }

  /** `free(id)` of space `key` was called. */
  handedBack(key: string, id: number): void {
    this.calls.push({ out: false, at: { key, id } });
  }

  /** Rule 6: take the calls made since the last settlement as they are. */
  absorb(): void {
    for (const c of this.calls) {
      if (c.out) this.of(c.at.key).add(c.at.id);
      else this.of(c.at.key).delete(c.at.id);
    }
    this.calls = [];
  }

  /** Rule 5 for the step just run, which changed nothing: the first violation, or null. */
  settleFailed(): string | null {
    const calls = this.calls;
    this.calls = [];
    const kept = new Map<string, Returned>();
    const name = (r: Returned) => `${r.key}:${r.id}`;
    for (const c of calls) {
      if (c.out) {
        this.of(c.at.key).add(c.at.id);
        kept.set(name(c.at), c.at);
        continue;
      }
      if (!kept.delete(name(c.at))) return `allocator ${c.at.key}: ID ${c.at.id} handed back by a call that failed with ENOMEM, which never got it`;
      this.of(c.at.key).delete(c.at.id);
    }
    const first = [...kept.values()][0];
    return first === undefined ? null : `allocator ${first.key}: ID ${first.id} was handed out to a call that failed with ENOMEM and never handed back (a leak)`;
  }

  /**
   * Rule 2 for the step that took the spec from `before` to `after`, in which the IDs `created`
   * were allocated (it may be reclaimed within the same step, by a handler): the first
   * violation, or null; the step's `free` calls are settled either way.
   */
  settle(before: CoreState, after: CoreState, created: readonly number[]): string | null {
    const calls = this.calls;
    if (calls.length === 0 && created.length === 0 && before.ids === after.ids) return null; // no call, no ID made or reclaimed: nothing to settle
    this.calls = [];
    /** Rule 4: is `r` handed out again after call `i` of this step? */
    const reissued = (i: number, r: Returned): boolean => calls.some((c, j) => j > i && c.out && c.at.key === r.key && c.at.id === r.id);
    const reclaimed = new Map<string, Set<number>>();
    const gone = (fns: string, id: number) => reclaimed.set(fns, (reclaimed.get(fns) ?? new Set<number>()).add(id));
    for (const r of before.ids.values()) if (r.space.kind === "custom" && !after.ids.has(r.id)) gone(r.space.fns, r.id);
    const space = activeSpace(before);
    if (space.kind === "custom") for (const id of created) if (!after.ids.has(id) && !before.ids.has(id)) gone(space.fns, id);
    for (const [i, c] of calls.entries()) {
      const r = c.at;
      const out = this.of(r.key);
      if (c.out) {
        out.add(r.id);
        continue;
      }
      if (!out.has(r.id)) return `allocator ${r.key}: ID ${r.id} handed back to an allocator that does not have it out (never given, or given back twice)`;
      out.delete(r.id);
      const again = reissued(i, r);
      if (after.ids.has(r.id) && !again) return `allocator ${r.key}: ID ${r.id} handed back while it is still live (${after.ids.get(r.id)?.state ?? "?"})`;
      // Reclaimed and handed out again in this step: the reclaim is the one this call answered.
      if (again && before.ids.get(r.id)?.space.kind === "custom" && after.ids.has(r.id)) continue;
      if (reclaimed.get(r.key)?.delete(r.id) !== true) return `allocator ${r.key}: ID ${r.id} handed back without being reclaimed from that allocator's space`;
    }
    for (const [key, ids] of reclaimed) {
      const first = [...ids][0];
      if (first !== undefined) return `allocator ${key}: ID ${first} was reclaimed but never handed back to its allocator`;
    }
    return null;
  }
}
