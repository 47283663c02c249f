/**
 * NotifierCalls (layer 7 of ImplCore, see core-state.ts): registering and removing notifiers
 * (global, per set, per mm), and notify (BIND / UNBIND).
 *
 * Rules:
 *  1. No method throws; arguments are validated before anything changes, in the order of D3.
 *  2. A notifier name is registered in one place at a time (EEXIST, D22). A notifier joins an
 *     MM set's chain only while that set holds no ID (EBUSY); a NULL set takes any notifier.
 *     An MM notifier registered before its set exists waits on the pending list of its mm.
 *  3. unregister finds the name only in the scope it is asked about (ENOENT otherwise).
 *  4. D26: only the first BIND and the last UNBIND of an ALLOCATED ID are delivered; BIND on a
 *     FREE_PENDING ID is refused (ENOENT); UNBIND without a bind is EINVAL.
 *  5. Allocation point (api/faults.ts): the notifier record of every register call, after
 *     every guard.
 */
import type { NotifierBlock } from "../api/core.js";
import type { IoasidEvent } from "../api/notification.js";
import type { CallResult } from "../api/result.js";
import { match } from "ts-pattern";
import { ALLOCATED, BINDS, FREE_PENDING, OWNER, slot, stateAt } from "./id-table.js";
import { IdCalls } from "./id-calls.js";
import { E_BUSY, E_EXIST, E_INVAL, E_NOENT, E_NOMEM, OK_NULL } from "./results.js";
import { isId, isMm, isName, readNotifier } from "./validate.js";

export abstract class NotifierCalls extends IdCalls {
  registerNotifier(set: number | null, nb: NotifierBlock): CallResult {
    const ctx = this.unlocked();
    if (ctx !== null) return ctx;
    const n = readNotifier(nb);
    if (n === null) return E_INVAL;
    if (set === null) {
      if (this.notifiers.has(n.name)) return E_EXIST;
      if (this.faults.fails()) return E_NOMEM; // the notifier record
      this.notifiers.addGlobal(n.name, n.rank, n.handler);
      return OK_NULL;
    }
    const s = this.sets.lookup(set);
    if (s === undefined) return E_INVAL;
    if (s.dying) return E_NOENT;
    if (this.notifiers.has(n.name)) return E_EXIST;
    if (s.kind === "mm" && s.held > 0) return E_BUSY;
    if (this.faults.fails()) return E_NOMEM; // the notifier record
    this.notifiers.addToSet(s, n.name, n.rank, n.handler);
    return OK_NULL;
  }

  unregisterNotifier(set: number | null, name: string): CallResult {
    const ctx = this.unlocked();
    if (ctx !== null) return ctx;
    if (!isName(name)) return E_INVAL;
    const s = set === null ? null : this.sets.lookup(set);
    if (s === undefined) return E_INVAL;
    const e = this.notifiers.lookup(name);
    if (e === undefined) return E_NOENT;
    const inScope = s === null ? e.origin === "global" : e.origin === "set" && e.attached === s;
    if (!inScope) return E_NOENT;
    this.notifiers.remove(e);
    return OK_NULL;
  }

  registerNotifierMm(mm: number, nb: NotifierBlock): CallResult {
    const ctx = this.unlocked();
    if (ctx !== null) return ctx;
    const n = readNotifier(nb);
    if (n === null || !isMm(mm)) return E_INVAL;
    if (this.notifiers.has(n.name)) return E_EXIST;
    const s = this.sets.byMmToken(mm);
    const live = s !== undefined && !s.dying ? s : undefined;
    if (live !== undefined && live.held > 0) return E_BUSY;
    if (this.faults.fails()) return E_NOMEM; // the notifier record
    this.notifiers.addMm(mm, live, n.name, n.rank, n.handler);
    return OK_NULL;
  }

  unregisterNotifierMm(mm: number, name: string): CallResult {
    const ctx = this.unlocked();
    if (ctx !== null) return ctx;
    if (!isMm(mm) || !isName(name)) return E_INVAL;
    const e = this.notifiers.lookup(name);
    if (e === undefined || e.origin !== "mm" || e.mm !== mm) return E_NOENT;
    this.notifiers.remove(e);
    return OK_NULL;
  }

  /** Rule 4 (D26). */
  notify(set: number | null, id: number, event: IoasidEvent): CallResult {
    const ctx = this.unlocked();
    if (ctx !== null) return ctx;
    if (!isId(id) || (event !== "BIND" && event !== "UNBIND")) return E_INVAL;
    const page = this.ids.page(id);
    const refused = this.resolve(set, id, null, false, page);
    if (refused !== null) return refused;
    const r = slot(id);
    const owner = this.sets.lookup(page[r + OWNER]);
    if (owner === undefined) return E_INVAL;
    const state = stateAt(page, r);
    const binds = page[r + BINDS] ?? 0;
    return match(event)
      .with("BIND", (): CallResult => {
        if (state === FREE_PENDING) return E_NOENT;
        page[r + BINDS] = binds + 1;
        if (binds === 0) this.publish("BIND", id, owner, true);
        return OK_NULL;
      })
      .with("UNBIND", (): CallResult => {
        if (binds === 0) return E_INVAL;
        page[r + BINDS] = binds - 1;
        if (binds === 1 && state === ALLOCATED) this.publish("UNBIND", id, owner, true);
        return OK_NULL;
      })
      .exhaustive();
  }
}
