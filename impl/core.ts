/**
 * ImplCore: the kernel-shaped, mutable implementation of `IoasidCore` (DOMAIN.md section 2,
 * spec/decisions.ts D1-D29). This file is the top of the class's chain of layers (listed in
 * core-state.ts) and adds the read-only inspection that is not part of IoasidCore.
 *
 * Rules:
 *  1. No method throws (the constructor does, with RangeError, for malformed options only).
 *  2. Inspection is allowed in every context (handlers and allocator callouts included),
 *     changes nothing, and answers null for anything that does not name a live record.
 *  3. The members the suite's deliberately broken variants override or call (ids, sets,
 *     unlocked, resolve, doGet, freeId, dropRef, reclaim, publish) are protected in the layers;
 *     their signatures only gain optional trailing arguments.
 */
import type { IdView, IoasidCore } from "../api/core.js";
import type { AllocatorView, NotifierView, SetView } from "../api/introspection.js";
import { ALLOCATED, FREE } from "./id-table.js";
import { NotifierCalls } from "./notifier-calls.js";
import { isId } from "./validate.js";

export type { ImplOptions } from "./core-state.js";

/** What `inspectRecord` reports about an existing ID: the api's IdView plus impl details. */
export interface IdInfo extends IdView {
  readonly binds: number;
  readonly data: string | null;
  /** The allocation's reference is still counted in `refs` (until free has delivered FREE). */
  readonly allocationRef: boolean;
}

/** What `inspectSet` reports about a live or dying set: the api's SetView plus its chain. */
export interface SetInfo extends SetView {
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

export class ImplCore extends NotifierCalls implements IoasidCore {
  protected override handlerCore(): IoasidCore {
    return this;
  }

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

  /** The capacity no set's quota reserves (api/introspection.ts). */
  capacityLeft(): number {
    return this.sets.remaining;
  }

  /** Where a registered notifier is (api/introspection.ts), null when the name is not registered. */
  inspectNotifier(name: string): NotifierView | null {
    const e = this.notifiers.lookup(name);
    if (e === undefined) return null;
    const mm = e.origin === "mm" ? e.mm : null;
    if (e.attached !== null) return { where: "set", set: e.attached.handle, mm };
    return { where: e.origin === "global" ? "global" : "pending", set: null, mm };
  }

  /** Registered custom allocator ops (api/introspection.ts), null when the name is not registered. */
  inspectAllocator(name: string): AllocatorView | null {
    return this.allocators.view(name);
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
