/**
 * SetTable: IOASID sets, their handles, MM tokens and the system capacity.
 *
 * Rules:
 *  1. Handles are positive integers from a counter and are never reused; lookup is an array
 *     index (O(1)); a destroyed set's slot holds undefined, so its handle answers "no such set".
 *  2. A set is live, or dying (its last reference is gone, some of its IDs are still
 *     FREE_PENDING), or destroyed (removed from the table).
 *  3. An MM token names at most one live or dying set (index `byMm`); it is released when the
 *     set is destroyed. NULL tokens need not be unique and are not indexed.
 *  4. `quotaSum` is the running sum of the quotas of live and dying sets; it never exceeds
 *     `capacity` (checked by the caller before any change).
 *  5. `held` counts the set's IDs that exist (ALLOCATED or FREE_PENDING); `ids` lists the
 *     ALLOCATED ones; `bySpid` maps an SPID to its ALLOCATED ID only (D13).
 */
import type { IdList } from "./id-table.js";
import type { NotifierEntry } from "./notifiers.js";
import { SpidIndex } from "./spid-index.js";

export type TokenKind = "null" | "mm";

export class SetRec implements IdList {
  refs = 1;
  held = 0;
  dying = false;
  head = 0;
  size = 0;
  /** The set's own chain (registerNotifier on it, plus attached MM notifiers), delivery order. */
  chain: readonly NotifierEntry[] = [];
  readonly bySpid = new SpidIndex();

  constructor(
    readonly handle: number,
    readonly kind: TokenKind,
    readonly token: number,
    public quota: number,
  ) {}
}

export class SetTable {
  private readonly table: (SetRec | undefined)[] = [undefined];
  private readonly byMm = new Map<number, SetRec>();
  private live = 0;
  quotaSum = 0;

  constructor(readonly capacity: number) {}

  /** The live or dying set named by `handle`, or undefined (any other value included). */
  lookup(handle: unknown): SetRec | undefined {
    if (typeof handle !== "number" || !Number.isInteger(handle) || handle < 1) return undefined;
    return this.table[handle];
  }

  /** The live or dying set holding MM token `mm`. */
  byMmToken(mm: number): SetRec | undefined {
    return this.byMm.get(mm);
  }

  /** Room left for new quota. */
  get remaining(): number {
    return this.capacity - this.quotaSum;
  }

  /** Number of live and dying sets. */
  get count(): number {
    return this.live;
  }

  create(kind: TokenKind, token: number, quota: number): SetRec {
    const rec = new SetRec(this.table.length, kind, token, quota);
    this.table.push(rec);
    if (kind === "mm") this.byMm.set(token, rec);
    this.quotaSum += quota;
    this.live++;
    return rec;
  }

  adjust(rec: SetRec, quota: number): void {
    this.quotaSum += quota - rec.quota;
    rec.quota = quota;
  }

  /** Remove a set: its handle names nothing any more, its quota and token are released. */
  destroy(rec: SetRec): void {
    if (this.table[rec.handle] !== rec) return;
    this.table[rec.handle] = undefined;
    if (rec.kind === "mm" && this.byMm.get(rec.token) === rec) this.byMm.delete(rec.token);
    this.quotaSum -= rec.quota;
    this.live--;
  }
}
