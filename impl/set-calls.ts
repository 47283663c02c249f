/**
 * SetCalls (layer 5 of ImplCore, see core-state.ts): the set calls.
 *
 * Rules:
 *  1. No method throws. Every argument is validated before anything changes, in the order of
 *     D3: call context (EDEADLK / EINVAL), argument validity (EINVAL), the set exists (EINVAL),
 *     the set is not dying (ENOENT), then the call's own limits.
 *  2. Quotas: the sum of the quotas of live and dying sets never exceeds the capacity (ENOSPC);
 *     a quota never drops below the IDs the set holds (EBUSY).
 *  3. D20: the last set reference makes the set dying and frees each of its ALLOCATED IDs,
 *     ascending, exactly as free does; the set is destroyed when it holds no ID any more (at
 *     once, or at the reclaim of its last FREE_PENDING ID).
 *  4. A new MM set takes over the pending MM notifiers of its mm.
 *  5. Allocation point (api/faults.ts): allocSet's set record, after every guard.
 */
import type { Token } from "../api/commands.js";
import { ok, type CallResult } from "../api/result.js";
import { ALLOCATED, OWNER, slot, stateAt } from "./id-table.js";
import { IdLife } from "./id-life.js";
import { E_BUSY, E_EXIST, E_INVAL, E_NOENT, E_NOMEM, E_NOSPC, OK_NULL } from "./results.js";
import { isQuota, readToken } from "./validate.js";

export abstract class SetCalls extends IdLife {
  allocSet(token: Token, quota: number): CallResult {
    const ctx = this.unlocked();
    if (ctx !== null) return ctx;
    const t = readToken(token);
    if (t === null || !isQuota(quota)) return E_INVAL;
    if (t.kind === "mm" && this.sets.byMmToken(t.value) !== undefined) return E_EXIST;
    if (quota > this.sets.remaining) return E_NOSPC;
    if (this.faults.fails()) return E_NOMEM; // the set record
    const s = this.sets.create(t.kind, t.value, quota);
    if (t.kind === "mm") this.notifiers.attachPending(s, t.value);
    return ok(s.handle);
  }

  adjustSet(set: number, quota: number): CallResult {
    const ctx = this.unlocked();
    if (ctx !== null) return ctx;
    if (!isQuota(quota)) return E_INVAL;
    const s = this.sets.lookup(set);
    if (s === undefined) return E_INVAL;
    if (s.dying) return E_NOENT;
    if (quota < s.held) return E_BUSY;
    if (quota - s.quota > this.sets.remaining) return E_NOSPC;
    this.sets.adjust(s, quota);
    return OK_NULL;
  }

  setGet(set: number): CallResult {
    return this.unlocked() ?? this.doSetGet(set);
  }

  setGetLocked(set: number): CallResult {
    return this.locked() ?? this.doSetGet(set);
  }

  setPut(set: number): CallResult {
    return this.unlocked() ?? this.doSetPut(set);
  }

  setPutLocked(set: number): CallResult {
    return this.locked() ?? this.doSetPut(set);
  }

  forEachIoasid(set: number): CallResult {
    const ctx = this.unlocked();
    if (ctx !== null) return ctx;
    const s = this.sets.lookup(set);
    if (s === undefined) return E_INVAL;
    if (s.dying) return E_NOENT;
    return ok(this.ids.listSorted(s));
  }

  private doSetGet(set: number): CallResult {
    const s = this.sets.lookup(set);
    if (s === undefined) return E_INVAL;
    if (s.dying) return E_NOENT;
    s.refs++;
    return OK_NULL;
  }

  /** Rule 3 (D20). */
  private doSetPut(set: number): CallResult {
    const s = this.sets.lookup(set);
    if (s === undefined) return E_INVAL;
    if (s.dying) return E_NOENT;
    s.refs--;
    if (s.refs > 0) return OK_NULL;
    s.dying = true;
    for (const id of this.ids.listSorted(s)) {
      // The handlers of an earlier free may have freed this ID, or it was reclaimed and reused.
      const page = this.ids.page(id);
      const r = slot(id);
      if (stateAt(page, r) === ALLOCATED && page[r + OWNER] === s.handle) this.freeId(id, s, page);
    }
    if (s.held === 0) this.destroySet(s);
    return OK_NULL;
  }
}
