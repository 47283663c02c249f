/**
 * Notifier chains: the global chain, each set's chain, and the pending list of MM notifiers.
 *
 * Rules:
 *  1. A name is registered in one place at a time (`byName` indexes all of them: D22).
 *  2. Every chain is kept in delivery order at registration time: priority rank descending,
 *     then the registration sequence number ascending (a global counter taken at the register
 *     call; an MM notifier keeps its number while it moves between pending and a set: D25).
 *     Sequence numbers are unique, so the order is total and two chains merge without sorting.
 *  3. Chains are copy-on-write: a change builds a new array, so an array captured when an event
 *     is published is that event's fixed recipient list, whatever the handlers do meanwhile.
 *  4. An MM notifier (origin "mm") sits on the pending list of its mm, or on the chain of the live
 *     MM set of that mm; it goes back to pending when that set is destroyed. A notifier
 *     registered on a set (origin "set") is dropped with the set (D24).
 */
import type { Handler } from "../api/core.js";
import type { SetRec } from "./sets.js";

export type Origin = "global" | "set" | "mm";

export interface NotifierEntry {
  readonly name: string;
  readonly rank: number;
  readonly seq: number;
  readonly handler: Handler;
  readonly origin: Origin;
  /** The mm of an "mm" notifier (0 otherwise). */
  readonly mm: number;
  /** The set whose chain holds it; null on the global chain and on the pending list. */
  attached: SetRec | null;
}

/** True when `a` is delivered before `b`. */
export const precedes = (a: NotifierEntry, b: NotifierEntry): boolean =>
  a.rank > b.rank || (a.rank === b.rank && a.seq < b.seq);

/** A new chain: `chain` with `e` inserted at its delivery position. */
export const insertSorted = (chain: readonly NotifierEntry[], e: NotifierEntry): readonly NotifierEntry[] => {
  let i = 0;
  while (i < chain.length) {
    const c = chain[i];
    if (c !== undefined && precedes(e, c)) break;
    i++;
  }
  return [...chain.slice(0, i), e, ...chain.slice(i)];
};

/** A new chain: `chain` without `e`. */
export const without = (chain: readonly NotifierEntry[], e: NotifierEntry): readonly NotifierEntry[] =>
  chain.filter((c) => c !== e);

/** A new chain merging two chains in delivery order. */
export const mergeChains = (a: readonly NotifierEntry[], b: readonly NotifierEntry[]): readonly NotifierEntry[] => {
  const out: NotifierEntry[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x !== undefined && (y === undefined || precedes(x, y))) {
      out.push(x);
      i++;
    } else if (y !== undefined) {
      out.push(y);
      j++;
    }
  }
  return out;
};

export class NotifierRegistry {
  private readonly byName = new Map<string, NotifierEntry>();
  private readonly pending = new Map<number, readonly NotifierEntry[]>();
  private nextSeq = 1;
  /** The global chain, in delivery order. */
  global: readonly NotifierEntry[] = [];

  has(name: string): boolean {
    return this.byName.has(name);
  }

  lookup(name: string): NotifierEntry | undefined {
    return this.byName.get(name);
  }

  /** A new entry with the next sequence number, indexed by name. */
  private make(name: string, rank: number, handler: Handler, origin: Origin, mm: number): NotifierEntry {
    const e: NotifierEntry = { name, rank, seq: this.nextSeq++, handler, origin, mm, attached: null };
    this.byName.set(name, e);
    return e;
  }

  addGlobal(name: string, rank: number, handler: Handler): void {
    this.global = insertSorted(this.global, this.make(name, rank, handler, "global", 0));
  }

  addToSet(set: SetRec, name: string, rank: number, handler: Handler): void {
    const e = this.make(name, rank, handler, "set", 0);
    e.attached = set;
    set.chain = insertSorted(set.chain, e);
  }

  /** An MM notifier: on `set`'s chain when given (the live MM set of `mm`), else pending. */
  addMm(mm: number, set: SetRec | undefined, name: string, rank: number, handler: Handler): void {
    const e = this.make(name, rank, handler, "mm", mm);
    if (set === undefined) {
      this.pending.set(mm, insertSorted(this.pending.get(mm) ?? [], e));
    } else {
      e.attached = set;
      set.chain = insertSorted(set.chain, e);
    }
  }

  /** Remove `e` from wherever it is; the name becomes free. */
  remove(e: NotifierEntry): void {
    this.byName.delete(e.name);
    const set = e.attached;
    if (set !== null) {
      set.chain = without(set.chain, e);
      e.attached = null;
    } else if (e.origin === "global") {
      this.global = without(this.global, e);
    } else {
      const list = without(this.pending.get(e.mm) ?? [], e);
      if (list.length === 0) this.pending.delete(e.mm);
      else this.pending.set(e.mm, list);
    }
  }

  /** A new MM set of `mm` was created: its pending notifiers join its chain. */
  attachPending(set: SetRec, mm: number): void {
    const list = this.pending.get(mm);
    if (list === undefined) return;
    this.pending.delete(mm);
    for (const e of list) e.attached = set;
    set.chain = mergeChains(set.chain, list);
  }

  /** A set is destroyed: MM notifiers go back to pending, set notifiers are dropped. */
  detachAll(set: SetRec): void {
    for (const e of set.chain) {
      e.attached = null;
      if (e.origin === "mm") this.pending.set(e.mm, insertSorted(this.pending.get(e.mm) ?? [], e));
      else this.byName.delete(e.name);
    }
    set.chain = [];
  }

  /** Number of registered notifiers (all scopes). */
  get count(): number {
    return this.byName.size;
  }
}
