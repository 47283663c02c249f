/**
 * ImplCore: the kernel-shaped, mutable implementation of `IoasidCore` (DOMAIN.md section 2,
 * spec/decisions.ts D1-D29).
 *
 * Rules:
 *  1. No method throws. Every argument is validated before anything changes, in the order of D3:
 *     handler context (EDEADLK / EINVAL), argument validity (EINVAL; then a null set where the
 *     method needs the owner: EACCES, or EINVAL for findBySpid, D5), the set exists (EINVAL),
 *     the ID exists (ENOENT), ownership (EACCES), the ID's state (ENOENT for FREE_PENDING), then
 *     the operation's own limits.
 *  2. ID life: ALLOCATED (refs >= 1) -> FREE_PENDING (refs >= 1) -> reclaimed. free marks the ID
 *     FREE_PENDING, delivers FREE, then drops the allocation's reference (D9). Reclaim happens
 *     exactly when refs reach zero; it returns the number to its allocator and the slot to the
 *     set, and destroys a dying set whose last ID it was (D12).
 *  3. Handler context (D27): `depth` counts nested handler calls. While it is > 0 only the four
 *     *Locked calls run; outside, they answer EINVAL. A handler that throws is caught: the
 *     exception is counted (`stats().handlerFaults`) and delivery continues with the next
 *     recipient; try/finally keeps `depth` exact.
 *  4. Custom allocator callouts (ops.alloc, ops.free) run with `callout` > 0: every call made
 *     from inside them answers EDEADLK (the kernel holds the allocator lock there). Their
 *     answers are never trusted (D29) and their exceptions are caught (alloc: ENOSPC).
 *  5. Deliveries (D25): the recipients of one event are the owner set's chain plus, for FREE,
 *     BIND and UNBIND, the global chain; both are kept in delivery order and merged per event.
 *     Chains are copy-on-write, so the arrays captured at publication are the fixed recipients.
 *  6. Allocation policy (the implementation's choice, D6): "lowest" (default) hands out the
 *     lowest free ID in [min, max]; "cyclic" the lowest free ID at or after the one following
 *     the last ID it handed out, wrapping to min. Both use the hierarchical bitmap (bitmap.ts).
 *  7. Members that the suite's deliberately broken variants override (properties/core/mutants)
 *     are `protected`; nothing else depends on that.
 */
import { match } from "ts-pattern";
import type { Token, Getter, PrivateData } from "../api/commands.js";
import { MAX_IOASID, MIN_IOASID, SYSTEM_CAPACITY } from "../api/constants.js";
import type { AllocatorOps, IdView, IoasidCore, NotifierBlock } from "../api/core.js";
import type { IoasidEvent } from "../api/notification.js";
import { ok, type CallResult, type Err } from "../api/result.js";
import { AllocatorRegistry, type AllocatorGroup } from "./allocators.js";
import { ALLOCATED, FREE, FREE_PENDING, IdTable } from "./id-table.js";
import { NotifierRegistry, precedes, type NotifierEntry } from "./notifiers.js";
import {
  E_ACCES, E_BUSY, E_DEADLK, E_DQUOT, E_EXIST, E_INVAL, E_NOENT, E_NOSPC, OK_NULL, fail,
} from "./results.js";
import { SetTable, type SetRec } from "./sets.js";
import { isData, isGetter, isId, isMm, isName, isQuota, readAllocator, readNotifier, readToken } from "./validate.js";

/** Options of `createImplCore`. */
export interface ImplOptions {
  /** The sum-of-quotas limit; default SYSTEM_CAPACITY. */
  readonly capacity?: number;
  /** Default allocator policy; default "lowest". */
  readonly policy?: "lowest" | "cyclic";
}

/** What `inspectRecord` reports about an existing ID: the api's IdView plus impl details. */
export interface IdInfo extends IdView {
  readonly binds: number;
  readonly data: string | null;
  /** The allocation's reference is still counted in `refs` (until free has delivered FREE). */
  readonly allocationRef: boolean;
}

/** What `inspectSet` reports about a live or dying set. */
export interface SetInfo {
  readonly refs: number;
  readonly quota: number;
  readonly held: number;
  readonly dying: boolean;
  readonly kind: "null" | "mm";
  readonly token: number;
  /** Names on the set's chain, in delivery order. */
  readonly chain: readonly string[];
}

/** Core-wide counters. */
export interface CoreStats {
  readonly ids: number;
  readonly sets: number;
  readonly quotaSum: number;
  readonly capacity: number;
  readonly notifiers: number;
  readonly handlerFaults: number;
}

const EMPTY_CHAIN: readonly NotifierEntry[] = [];

export class ImplCore implements IoasidCore {
  protected readonly ids = new IdTable();
  protected readonly sets: SetTable;
  private readonly notifiers = new NotifierRegistry();
  private readonly allocators = new AllocatorRegistry();
  private readonly cyclic: boolean;
  private cursor = MIN_IOASID;
  private depth = 0;
  private callout = 0;
  private handlerFaults = 0;

  constructor(options: ImplOptions = {}) {
    const capacity = options.capacity ?? SYSTEM_CAPACITY;
    if (!Number.isInteger(capacity) || capacity < 0) throw new RangeError("capacity must be an integer >= 0");
    const policy = options.policy ?? "lowest";
    if (policy !== "lowest" && policy !== "cyclic") throw new RangeError("policy must be lowest or cyclic");
    this.sets = new SetTable(capacity);
    this.cyclic = policy === "cyclic";
  }

  // ---------------------------------------------------------------- context (D27)

  /** Refusal of a lock-taking call, or null when it may run. */
  protected unlocked(): Err | null {
    return this.depth !== 0 || this.callout !== 0 ? E_DEADLK : null;
  }

  /** Refusal of a *Locked call, or null when it may run. */
  private locked(): Err | null {
    if (this.callout !== 0) return E_DEADLK;
    return this.depth === 0 ? E_INVAL : null;
  }

  // ---------------------------------------------------------------- sets

  allocSet(token: Token, quota: number): CallResult {
    const ctx = this.unlocked();
    if (ctx !== null) return ctx;
    const t = readToken(token);
    if (t === null || !isQuota(quota)) return E_INVAL;
    if (t.kind === "mm" && this.sets.byMmToken(t.value) !== undefined) return E_EXIST;
    if (quota > this.sets.remaining) return E_NOSPC;
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

  /** D20: the last reference frees every ALLOCATED ID, ascending, each exactly as free. */
  private doSetPut(set: number): CallResult {
    const s = this.sets.lookup(set);
    if (s === undefined) return E_INVAL;
    if (s.dying) return E_NOENT;
    s.refs--;
    if (s.refs > 0) return OK_NULL;
    s.dying = true;
    for (const id of this.ids.listSorted(s)) {
      if (this.ids.stateOf(id) === ALLOCATED && this.ids.ownerOf(id) === s.handle) this.freeId(id, s);
    }
    if (s.held === 0) this.destroySet(s);
    return OK_NULL;
  }

  private destroySet(s: SetRec): void {
    if (this.sets.lookup(s.handle) !== s) return;
    this.sets.destroy(s);
    this.notifiers.detachAll(s);
    s.bySpid.clear();
  }

  // ---------------------------------------------------------------- IDs

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
      if (this.cyclic) this.cursor = id >= MAX_IOASID ? MIN_IOASID : id + 1;
    } else {
      id = this.calloutAlloc(group, min, max);
      if (!isId(id) || id < min || id > max || this.ids.bitmap.has(id)) return E_NOSPC;
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
    const refused = this.resolve(set, id, E_ACCES, false);
    if (refused !== null) return refused;
    if (this.ids.stateOf(id) === FREE_PENDING) return OK_NULL;
    const owner = this.sets.lookup(this.ids.ownerOf(id));
    if (owner !== undefined) this.freeId(id, owner);
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
    const refused = this.resolve(set, id, null, true);
    if (refused !== null) return refused;
    if (getter === "reject") return E_NOENT;
    return ok(this.ids.dataOf(id));
  }

  attachData(set: number | null, id: number, data: PrivateData): CallResult {
    const ctx = this.unlocked();
    if (ctx !== null) return ctx;
    if (!isId(id) || !isData(data)) return E_INVAL;
    const refused = this.resolve(set, id, E_ACCES, true);
    if (refused !== null) return refused;
    this.ids.setData(id, data);
    return OK_NULL;
  }

  attachSpid(set: number | null, id: number, spid: number): CallResult {
    const ctx = this.unlocked();
    if (ctx !== null) return ctx;
    if (!isId(id) || !isId(spid)) return E_INVAL;
    const refused = this.resolve(set, id, E_ACCES, true);
    if (refused !== null) return refused;
    const s = this.sets.lookup(this.ids.ownerOf(id));
    if (s === undefined) return E_INVAL;
    if (this.ids.spidOf(id) !== 0) return E_BUSY;
    if (s.bySpid.has(spid)) return E_EXIST;
    this.ids.setSpid(id, spid);
    s.bySpid.set(spid, id);
    return OK_NULL;
  }

  detachSpid(set: number | null, id: number): CallResult {
    const ctx = this.unlocked();
    if (ctx !== null) return ctx;
    if (!isId(id)) return E_INVAL;
    const refused = this.resolve(set, id, E_ACCES, true);
    if (refused !== null) return refused;
    const spid = this.ids.spidOf(id);
    if (spid === 0) return E_NOENT;
    const s = this.sets.lookup(this.ids.ownerOf(id));
    if (s !== undefined && s.bySpid.get(spid) === id) s.bySpid.delete(spid);
    this.ids.setSpid(id, 0);
    return OK_NULL;
  }

  findBySpid(set: number | null, spid: number): CallResult {
    const ctx = this.unlocked();
    if (ctx !== null) return ctx;
    if (!isId(spid) || set === null) return E_INVAL;
    const s = this.sets.lookup(set);
    if (s === undefined) return E_INVAL;
    const id = s.bySpid.get(spid);
    if (id === 0) return E_NOENT;
    this.ids.setRefs(id, this.ids.refsOf(id) + 1);
    return ok(id);
  }

  /**
   * The common per-ID checks after argument validity: null set (`nullRefusal`, or "any set"
   * when null), set exists, ID exists, ownership, and FREE_PENDING when `refusePending`.
   */
  protected resolve(set: number | null, id: number, nullRefusal: Err | null, refusePending: boolean): Err | null {
    if (set !== null && this.sets.lookup(set) === undefined) return E_INVAL;
    const st = this.ids.stateOf(id);
    if (st === FREE) return E_NOENT;
    if (set === null) {
      if (nullRefusal !== null) return nullRefusal; // a null set owns nothing: an ownership refusal (D3, D5)
    } else if (this.ids.ownerOf(id) !== set) {
      return E_ACCES;
    }
    if (refusePending && st === FREE_PENDING) return E_NOENT;
    return null;
  }

  protected doGet(set: number | null, id: number): CallResult {
    if (!isId(id)) return E_INVAL;
    const refused = this.resolve(set, id, null, true);
    if (refused !== null) return refused;
    this.ids.setRefs(id, this.ids.refsOf(id) + 1);
    return OK_NULL;
  }

  /**
   * D11 / D12: a put never drops the allocation's reference (EINVAL at one reference while it is
   * held: an ALLOCATED ID, or a FREE_PENDING one whose free is still delivering FREE); a
   * FREE_PENDING ID whose free has returned is reclaimed at zero.
   */
  private doPut(set: number | null, id: number): CallResult {
    if (!isId(id)) return E_INVAL;
    const refused = this.resolve(set, id, null, false);
    if (refused !== null) return refused;
    if (this.ids.holdsAllocationRef(id) && this.ids.refsOf(id) <= 1) return E_INVAL;
    this.dropRef(id);
    return OK_NULL;
  }

  /** D9: mark FREE_PENDING, deliver FREE, then drop the allocation's reference. */
  protected freeId(id: number, owner: SetRec): void {
    this.ids.markPending(id, owner);
    const spid = this.ids.spidOf(id);
    if (spid !== 0 && owner.bySpid.get(spid) === id) owner.bySpid.delete(spid);
    this.publish("FREE", id, owner, true);
    // While FREE was delivered the allocation's reference kept refs >= 1 (D11), so the ID is
    // still this FREE_PENDING record; the check only guards the invariant.
    if (this.ids.stateOf(id) !== FREE_PENDING) return;
    this.ids.releaseAllocationRef(id);
    this.dropRef(id);
  }

  protected dropRef(id: number): void {
    const refs = this.ids.refsOf(id) - 1;
    this.ids.setRefs(id, refs);
    if (refs <= 0) this.reclaim(id);
  }

  /** D12: the number goes back to its allocator, the slot to its set. */
  protected reclaim(id: number): void {
    const owner = this.sets.lookup(this.ids.ownerOf(id));
    const space = this.ids.spaceOf(id);
    this.ids.remove(id);
    const group = this.allocators.countDown(space);
    if (owner !== undefined) {
      owner.held--;
      if (owner.dying && owner.held === 0) this.destroySet(owner);
    }
    if (group !== undefined) this.calloutFree(group, id);
  }

  // ---------------------------------------------------------------- notifiers

  registerNotifier(set: number | null, nb: NotifierBlock): CallResult {
    const ctx = this.unlocked();
    if (ctx !== null) return ctx;
    const n = readNotifier(nb);
    if (n === null) return E_INVAL;
    if (set === null) {
      if (this.notifiers.has(n.name)) return E_EXIST;
      this.notifiers.addGlobal(n.name, n.rank, n.handler);
      return OK_NULL;
    }
    const s = this.sets.lookup(set);
    if (s === undefined) return E_INVAL;
    if (s.dying) return E_NOENT;
    if (this.notifiers.has(n.name)) return E_EXIST;
    if (s.kind === "mm" && s.held > 0) return E_BUSY;
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

  /** D26: first BIND and last UNBIND (of an ALLOCATED ID) are delivered. */
  notify(set: number | null, id: number, event: IoasidEvent): CallResult {
    const ctx = this.unlocked();
    if (ctx !== null) return ctx;
    if (!isId(id) || (event !== "BIND" && event !== "UNBIND")) return E_INVAL;
    const refused = this.resolve(set, id, null, false);
    if (refused !== null) return refused;
    const owner = this.sets.lookup(this.ids.ownerOf(id));
    if (owner === undefined) return E_INVAL;
    const state = this.ids.stateOf(id);
    const binds = this.ids.bindsOf(id);
    return match(event)
      .with("BIND", (): CallResult => {
        if (state === FREE_PENDING) return E_NOENT;
        this.ids.setBinds(id, binds + 1);
        if (binds === 0) this.publish("BIND", id, owner, true);
        return OK_NULL;
      })
      .with("UNBIND", (): CallResult => {
        if (binds === 0) return E_INVAL;
        this.ids.setBinds(id, binds - 1);
        if (binds === 1 && state === ALLOCATED) this.publish("UNBIND", id, owner, true);
        return OK_NULL;
      })
      .exhaustive();
  }

  /**
   * Deliver one event: merge the (sorted, copy-on-write) global and set chains. The arrays
   * captured here are the fixed recipient list (D25).
   */
  protected publish(event: IoasidEvent, id: number, owner: SetRec, withGlobal: boolean): void {
    const a = withGlobal ? this.notifiers.global : EMPTY_CHAIN;
    const b = owner.chain;
    if (a.length === 0 && b.length === 0) return;
    const sp = this.ids.spidOf(id);
    const spid = sp === 0 ? null : sp;
    const setHandle = owner.handle;
    let i = 0;
    let j = 0;
    for (;;) {
      const x = a[i];
      const y = b[j];
      let e: NotifierEntry;
      if (x !== undefined && (y === undefined || precedes(x, y))) {
        e = x;
        i++;
      } else if (y !== undefined) {
        e = y;
        j++;
      } else {
        return;
      }
      this.depth++;
      try {
        e.handler({ event, id, spid, set: setHandle, notifier: e.name }, this);
      } catch {
        this.handlerFaults++;
      } finally {
        this.depth--;
      }
    }
  }

  // ---------------------------------------------------------------- custom allocators

  registerAllocator(ops: AllocatorOps): CallResult {
    const ctx = this.unlocked();
    if (ctx !== null) return ctx;
    const a = readAllocator(ops);
    if (a === null) return E_INVAL;
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

  private calloutAlloc(group: AllocatorGroup, min: number, max: number): number {
    this.callout++;
    try {
      return group.alloc(min, max);
    } catch {
      return -1;
    } finally {
      this.callout--;
    }
  }

  private calloutFree(group: AllocatorGroup, id: number): void {
    this.callout++;
    try {
      group.free(id);
    } catch {
      // The number is already back in the core's namespace; the allocator's failure is its own.
    } finally {
      this.callout--;
    }
  }

  // ---------------------------------------------------------------- inspection (not in IoasidCore)

  /**
   * Read-only view of a live (ALLOCATED or FREE_PENDING) ID, null for anything else. Allowed in
   * every context (handlers and allocator callouts included); never throws, changes nothing.
   */
  inspectId(id: number): IdView | null {
    if (!isId(id)) return null;
    const st = this.ids.stateOf(id);
    if (st === FREE) return null;
    const spid = this.ids.spidOf(id);
    return {
      state: st === ALLOCATED ? "ALLOCATED" : "FREE_PENDING",
      refs: this.ids.refsOf(id),
      set: this.ids.ownerOf(id),
      spid: spid === 0 ? null : spid,
    };
  }

  /** `inspectId` plus the impl's own details (bind count, data, allocation reference). */
  inspectRecord(id: number): IdInfo | null {
    const view = this.inspectId(id);
    if (view === null) return null;
    return { ...view, binds: this.ids.bindsOf(id), data: this.ids.dataOf(id), allocationRef: this.ids.holdsAllocationRef(id) };
  }

  /** The record of a live or dying set, or null. */
  inspectSet(set: number): SetInfo | null {
    const s = this.sets.lookup(set);
    if (s === undefined) return null;
    return {
      refs: s.refs, quota: s.quota, held: s.held, dying: s.dying, kind: s.kind, token: s.token,
      chain: s.chain.map((e) => e.name),
    };
  }

  stats(): CoreStats {
    return {
      ids: this.ids.bitmap.count,
      sets: this.sets.count,
      quotaSum: this.sets.quotaSum,
      capacity: this.sets.capacity,
      notifiers: this.notifiers.count,
      handlerFaults: this.handlerFaults,
    };
  }
}
