/**
 * IdCalls (layer 6 of ImplCore, see core-state.ts): the ID calls: alloc, free, get, put, find,
 * attachData, attachSpid, detachSpid, findBySpid.
 *
 * Rules:
 *  1. No method throws. Every argument is validated before anything changes, in the order of D3:
 *     call context (EDEADLK / EINVAL), argument validity (EINVAL; then a null set where the
 *     method needs the owner: EACCES, or EINVAL for findBySpid, D5), then the per-ID checks of
 *     `resolve` (id-life.ts), then the operation's own limits.
 *  2. One record lookup per call: a call reaches the ID's page once (`ids.page`) and reads and
 *     writes the record's fields there (offsets in id-table.ts); it writes only after `resolve`
 *     has found the record, so never into the shared EMPTY page.
 *  3. get, put, find and findBySpid allocate nothing beyond the result a value needs (find
 *     without data answers the shared ok(null)).
 *  4. D11 / D12: a put never drops the allocation's reference (EINVAL at one reference while it
 *     is held: an ALLOCATED ID, or a FREE_PENDING one whose free is still delivering FREE); a
 *     FREE_PENDING ID whose free has returned is reclaimed at zero.
 *  5. Allocation policy (the implementation's choice, D6): "lowest" (default) hands out the
 *     lowest free ID in [min, max]; "cyclic" the lowest free ID at or after the one following
 *     the last ID it handed out, wrapping to min. Both use the hierarchical bitmap (bitmap.ts).
 *     An active custom allocator chooses instead; its answer is checked (D29).
 *  6. Allocation points (api/faults.ts), after every guard and before any change: alloc's ID
 *     record (after the number is chosen: a custom allocator's number is handed back when it
 *     fails), attachSpid's SPID index entry.
 */
import type { Getter, PrivateData } from "../api/commands.js";
import { MAX_IOASID, MIN_IOASID } from "../api/constants.js";
import { ok, type CallResult } from "../api/result.js";
import { FREE_PENDING, OWNER, REFS, SPID, allocRefAt, slot, stateAt } from "./id-table.js";
import { E_ACCES, E_BUSY, E_DQUOT, E_EXIST, E_INVAL, E_NOENT, E_NOMEM, E_NOSPC, OK_NULL } from "./results.js";
import { SetCalls } from "./set-calls.js";
import { isData, isGetter, isId } from "./validate.js";

export abstract class IdCalls extends SetCalls {
  alloc(set: number, min: number, max: number, data: PrivateData): CallResult {
    const ctx = this.unlocked();
    if (ctx !== null) return ctx;
    if (!isId(min) || !isId(max) || min > max || !isData(data)) return E_INVAL;
    const s = this.sets.lookup(set);
    if (s === undefined) return E_INVAL;
    if (s.dying) return E_NOENT;
    if (s.held >= s.quota) return E_DQUOT;
    const group = this.allocators.active;
    let id: number;
    if (group === undefined) {
      id = this.cyclic ? this.ids.bitmap.cyclicFree(min, max, this.cursor) : this.ids.bitmap.lowestFree(min, max);
      if (id < 0) return E_NOSPC;
      if (this.faults.fails()) return E_NOMEM; // the ID record
      if (this.cyclic) this.cursor = id >= MAX_IOASID ? MIN_IOASID : id + 1;
    } else {
      id = this.calloutAlloc(group, min, max);
      if (!isId(id) || id < min || id > max || this.ids.bitmap.has(id)) return E_NOSPC;
      if (this.faults.fails()) {
        this.calloutFree(group, id); // the ID record failed: the number goes back to its allocator
        return E_NOMEM;
      }
    }
    const space = group === undefined ? 0 : group.space;
    this.ids.create(id, s.handle, space, data, s);
    s.held++;
    this.allocators.countUp(space);
    this.publish("ALLOC", id, s, false);
    return ok(id);
  }

  free(set: number | null, id: number): CallResult {
    const ctx = this.unlocked();
    if (ctx !== null) return ctx;
    if (!isId(id)) return E_INVAL;
    const page = this.ids.page(id);
    const refused = this.resolve(set, id, E_ACCES, false, page);
    if (refused !== null) return refused;
    const r = slot(id);
    if (stateAt(page, r) === FREE_PENDING) return OK_NULL;
    const owner = this.sets.lookup(page[r + OWNER]);
    if (owner !== undefined) this.freeId(id, owner, page);
    return OK_NULL;
  }

  get(set: number | null, id: number): CallResult {
    return this.unlocked() ?? this.doGet(set, id);
  }

  getLocked(set: number | null, id: number): CallResult {
    return this.locked() ?? this.doGet(set, id);
  }

  put(set: number | null, id: number): CallResult {
    return this.unlocked() ?? this.doPut(set, id);
  }

  putLocked(set: number | null, id: number): CallResult {
    return this.locked() ?? this.doPut(set, id);
  }

  find(set: number | null, id: number, getter: Getter): CallResult {
    const ctx = this.unlocked();
    if (ctx !== null) return ctx;
    if (!isId(id) || !isGetter(getter)) return E_INVAL;
    const page = this.ids.page(id);
    const refused = this.resolve(set, id, null, true, page);
    if (refused !== null) return refused;
    if (getter === "reject") return E_NOENT;
    const data = this.ids.dataOf(id, page);
    return data === null ? OK_NULL : ok(data);
  }

  attachData(set: number | null, id: number, data: PrivateData): CallResult {
    const ctx = this.unlocked();
    if (ctx !== null) return ctx;
    if (!isId(id) || !isData(data)) return E_INVAL;
    const page = this.ids.page(id);
    const refused = this.resolve(set, id, E_ACCES, true, page);
    if (refused !== null) return refused;
    this.ids.setData(id, data, page);
    return OK_NULL;
  }

  attachSpid(set: number | null, id: number, spid: number): CallResult {
    const ctx = this.unlocked();
    if (ctx !== null) return ctx;
    if (!isId(id) || !isId(spid)) return E_INVAL;
    const page = this.ids.page(id);
    const refused = this.resolve(set, id, E_ACCES, true, page);
    if (refused !== null) return refused;
    const r = slot(id);
    const s = this.sets.lookup(page[r + OWNER]);
    if (s === undefined) return E_INVAL;
    if ((page[r + SPID] ?? 0) !== 0) return E_BUSY;
    if (s.bySpid.has(spid)) return E_EXIST;
    if (this.faults.fails()) return E_NOMEM; // the SPID index entry
    page[r + SPID] = spid;
    s.bySpid.set(spid, id);
    return OK_NULL;
  }

  detachSpid(set: number | null, id: number): CallResult {
    const ctx = this.unlocked();
    if (ctx !== null) return ctx;
    if (!isId(id)) return E_INVAL;
    const page = this.ids.page(id);
    const refused = this.resolve(set, id, E_ACCES, true, page);
    if (refused !== null) return refused;
    const r = slot(id);
    const spid = page[r + SPID] ?? 0;
    if (spid === 0) return E_NOENT;
    const s = this.sets.lookup(page[r + OWNER]);
    if (s !== undefined && s.bySpid.get(spid) === id) s.bySpid.delete(spid);
    page[r + SPID] = 0;
    return OK_NULL;
  }

  /** The set's SPID index names ALLOCATED IDs of the set only (D13): no per-ID check. */
  findBySpid(set: number | null, spid: number): CallResult {
    const ctx = this.unlocked();
    if (ctx !== null) return ctx;
    if (!isId(spid) || set === null) return E_INVAL;
    const s = this.sets.lookup(set);
    if (s === undefined) return E_INVAL;
    const id = s.bySpid.get(spid);
    if (id === 0) return E_NOENT;
    const page = this.ids.own(id); // `own`, not `page`: the index is trusted, EMPTY is still never written
    const r = slot(id) + REFS;
    page[r] = (page[r] ?? 0) + 1;
    return ok(id);
  }

  protected doGet(set: number | null, id: number): CallResult {
    if (!isId(id)) return E_INVAL;
    const page = this.ids.page(id);
    const refused = this.resolve(set, id, null, true, page);
    if (refused !== null) return refused;
    const r = slot(id) + REFS;
    page[r] = (page[r] ?? 0) + 1;
    return OK_NULL;
  }

  /** Rule 4 (D11, D12). */
  private doPut(set: number | null, id: number): CallResult {
    if (!isId(id)) return E_INVAL;
    const page = this.ids.page(id);
    const refused = this.resolve(set, id, null, false, page);
    if (refused !== null) return refused;
    const r = slot(id);
    if (allocRefAt(page, r) && (page[r + REFS] ?? 0) <= 1) return E_INVAL;
    this.dropRef(id, page);
    return OK_NULL;
  }
}
