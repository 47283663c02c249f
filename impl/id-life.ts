/**
 * IdLife (layer 4 of ImplCore, see core-state.ts): the per-ID checks every ID call shares, and
 * the end of an ID's life: free, dropping references, reclaim, and the teardown of a dying set.
 *
 * Rules:
 *  1. Check order after argument validity (D3): the set exists (EINVAL), the ID exists (ENOENT),
 *     ownership (a null set: the call's own refusal, or "any set"; another set: EACCES), then
 *     FREE_PENDING (ENOENT) where the call refuses it.
 *  2. ID life: ALLOCATED (refs >= 1) -> FREE_PENDING (refs >= 1) -> reclaimed. free marks the ID
 *     FREE_PENDING, delivers FREE, then drops the allocation's reference (D9). Reclaim happens
 *     exactly when refs reach zero; it returns the number to its allocator and the slot to the
 *     set, and destroys a dying set whose last ID it was (D12).
 *  3. One record lookup per call: the methods take the ID's page (id-table.ts) as an optional
 *     last argument; the hot paths pass the page they already hold, other callers (the suite's
 *     variants among them) omit it and the method looks it up. A page stays valid across the
 *     handlers run by a delivery (pages are never replaced).
 *  4. These members are protected and overridable: the calls above reach them through `this`.
 */
import type { Err } from "../api/result.js";
import { FREE, FREE_PENDING, OWNER, REFS, SPACE, SPID, slot, stateAt } from "./id-table.js";
import { Publication } from "./publication.js";
import { E_ACCES, E_INVAL, E_NOENT } from "./results.js";
import type { SetRec } from "./sets.js";

export abstract class IdLife extends Publication {
  /**
   * The common per-ID checks after argument validity (rule 1): null set (`nullRefusal`, or "any
   * set" when null), set exists, ID exists, ownership, and FREE_PENDING when `refusePending`.
   */
  protected resolve(
    set: number | null, id: number, nullRefusal: Err | null, refusePending: boolean,
    page: Int32Array = this.ids.page(id),
  ): Err | null {
    if (set !== null && this.sets.lookup(set) === undefined) return E_INVAL;
    const r = slot(id);
    const st = stateAt(page, r);
    if (st === FREE) return E_NOENT;
    if (set === null) {
      if (nullRefusal !== null) return nullRefusal; // a null set owns nothing: an ownership refusal (D3, D5)
    } else if (page[r + OWNER] !== set) {
      return E_ACCES;
    }
    if (refusePending && st === FREE_PENDING) return E_NOENT;
    return null;
  }

  /** D9: mark FREE_PENDING, deliver FREE, then drop the allocation's reference. */
  protected freeId(id: number, owner: SetRec, page: Int32Array = this.ids.own(id)): void {
    const r = slot(id);
    this.ids.markPending(id, owner, page);
    const spid = page[r + SPID] ?? 0;
    if (spid !== 0 && owner.bySpid.get(spid) === id) owner.bySpid.delete(spid);
    this.publish("FREE", id, owner, true);
    // While FREE was delivered the allocation's reference kept refs >= 1 (D11), so the ID is
    // still this FREE_PENDING record; the check only guards the invariant.
    if (stateAt(page, r) !== FREE_PENDING) return;
    this.ids.releaseAllocationRef(id, page);
    this.dropRef(id, page);
  }

  /** One reference fewer; reclaim at zero. */
  protected dropRef(id: number, page: Int32Array = this.ids.own(id)): void {
    const r = slot(id) + REFS;
    const refs = (page[r] ?? 0) - 1;
    page[r] = refs;
    if (refs <= 0) this.reclaim(id, page);
  }

  /** D12: the number goes back to its allocator, the slot to its set. */
  protected reclaim(id: number, page: Int32Array = this.ids.own(id)): void {
    const r = slot(id);
    const owner = this.sets.lookup(page[r + OWNER]);
    const space = page[r + SPACE] ?? 0;
    this.ids.remove(id, page);
    const group = this.allocators.countDown(space);
    if (owner !== undefined) {
      owner.held--;
      if (owner.dying && owner.held === 0) this.destroySet(owner);
    }
    if (group !== undefined) this.calloutFree(group, id);
  }

  /** Destroy a set (once): its handle names nothing any more, its notifiers leave (D24). */
  protected destroySet(s: SetRec): void {
    if (this.sets.lookup(s.handle) !== s) return;
    this.sets.destroy(s);
    this.notifiers.detachAll(s);
    s.bySpid.clear();
  }
}
