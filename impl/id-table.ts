/**
 * IdTable: the per-ID records, in a two-level paged table indexed by the ID itself (O(1) lookup,
 * no hashing, no allocation per call), plus the occupancy bitmap of the namespace.
 *
 * Layout (like the VT-d PASID directory): a directory of 1024 page slots, slot `id >>> 10`. A
 * page is one Int32Array of 8192 ints for the 1024 IDs sharing those top bits, with i = id & 1023:
 *   hot  half, at i * 4:        state, refs, owner, spid
 *   cold half, at 4096 + i * 4: binds, space, next, prev
 * A slot without a page holds the shared all-zero EMPTY page, so a read needs no test and
 * answers the FREE / zero defaults without allocating. The first write into a slot (in practice
 * the first creation of one of its IDs) gives it a page of its own, kept for the table's life.
 * Memory follows the pages touched (32 KiB each), not the highest ID, and nothing is copied.
 *
 * Rules:
 *  1. state is FREE (no record), ALLOCATED, or FREE_PENDING. A record exists (bitmap bit set)
 *     exactly when state is not FREE; refs >= 1 for every existing record.
 *  2. The hot fields of one ID are 16 contiguous bytes, so a get, put, find or find_by_spid
 *     touches one cache line: state, refs, owner (the owning set's handle) and spid (0 when the
 *     ID has no SPID). The hot halves hold nothing else, so the hot working set stays 16 bytes
 *     per ID. Cold: binds, space (0 for the default allocator, else the custom allocator group
 *     that gave the number), and the list links.
 *  3. The state word also carries the ALLOC_REF flag: the allocation's reference is still part
 *     of refs. It is set at creation, kept when the ID becomes FREE_PENDING, and cleared by free
 *     once FREE has been delivered (D9, D11): until then no put may take the ID to zero.
 *  4. Each set keeps its ALLOCATED IDs in an intrusive doubly linked list (next/prev, 0 = end),
 *     so adding and removing are O(1); listing sorts once at the call.
 *  5. Private data lives in a sparse Map; an absent key means null.
 *  6. EMPTY is never written: every write goes through `own`, which swaps it for a new page.
 *  7. Pages are not freed when their last ID goes: alloc/free churn at a page boundary would
 *     then allocate and drop a page per call (measured: +15 ns per alloc+free).
 * The accessors spell out the index arithmetic instead of calling a helper: small bodies keep
 * core.ts's get/put paths inside V8's inlining budget.
 */
import { IdBitmap } from "./bitmap.js";

/** Directory slots; ints per page (8 per ID); start of the cold half. */
const PAGES = 1024;
const PAGE_INTS = 8192;
const COLD = 4096;

/** The page of every slot that has none: all zero, shared, never written. */
const EMPTY = new Int32Array(PAGE_INTS);

/** A directory without pages; each table starts from a copy. */
const NO_PAGES: readonly Int32Array[] = Array.from({ length: PAGES }, () => EMPTY);

export const FREE = 0;
export const ALLOCATED = 1;
export const FREE_PENDING = 2;
const STATE_MASK = 3;
const ALLOC_REF = 4;

/** Head of one set's intrusive list of ALLOCATED IDs. */
export interface IdList {
  head: number;
  size: number;
}

export class IdTable {
  readonly bitmap = new IdBitmap();
  /** Slot `id >>> 10` -> page (EMPTY when none). */
  private readonly dir: Int32Array[] = NO_PAGES.slice();
  private readonly data = new Map<number, string>();

  /** The page of `id`, for writing: its slot's own page, allocated by the first write. */
  private own(id: number): Int32Array {
    const page = this.dir[id >>> 10] ?? EMPTY;
    return page !== EMPTY ? page : this.addPage(id);
  }

  private addPage(id: number): Int32Array {
    const page = new Int32Array(PAGE_INTS);
    this.dir[id >>> 10] = page;
    return page;
  }

  stateOf(id: number): number {
    return ((this.dir[id >>> 10] ?? EMPTY)[(id & 1023) << 2] ?? FREE) & STATE_MASK;
  }

  holdsAllocationRef(id: number): boolean {
    return (((this.dir[id >>> 10] ?? EMPTY)[(id & 1023) << 2] ?? 0) & ALLOC_REF) !== 0;
  }

  releaseAllocationRef(id: number): void {
    const page = this.own(id);
    const r = (id & 1023) << 2;
    page[r] = (page[r] ?? 0) & STATE_MASK;
  }

  refsOf(id: number): number {
    return (this.dir[id >>> 10] ?? EMPTY)[((id & 1023) << 2) + 1] ?? 0;
  }

  setRefs(id: number, refs: number): void {
    this.own(id)[((id & 1023) << 2) + 1] = refs;
  }

  ownerOf(id: number): number {
    return (this.dir[id >>> 10] ?? EMPTY)[((id & 1023) << 2) + 2] ?? 0;
  }

  spidOf(id: number): number {
    return (this.dir[id >>> 10] ?? EMPTY)[((id & 1023) << 2) + 3] ?? 0;
  }

  setSpid(id: number, spid: number): void {
    this.own(id)[((id & 1023) << 2) + 3] = spid;
  }

  bindsOf(id: number): number {
    return (this.dir[id >>> 10] ?? EMPTY)[((id & 1023) << 2) + COLD] ?? 0;
  }

  setBinds(id: number, binds: number): void {
    this.own(id)[((id & 1023) << 2) + COLD] = binds;
  }

  spaceOf(id: number): number {
    return (this.dir[id >>> 10] ?? EMPTY)[((id & 1023) << 2) + COLD + 1] ?? 0;
  }

  dataOf(id: number): string | null {
    return this.data.get(id) ?? null;
  }

  setData(id: number, value: string | null): void {
    if (value === null) this.data.delete(id);
    else this.data.set(id, value);
  }

  /** Number of pages allocated (for tests and diagnostics). */
  get pageCount(): number {
    let n = 0;
    for (const page of this.dir) if (page !== EMPTY) n++;
    return n;
  }

  /** Create the record of a free number: ALLOCATED, one reference, linked into `list`. */
  create(id: number, setHandle: number, space: number, value: string | null, list: IdList): void {
    this.bitmap.set(id);
    const page = this.own(id);
    const r = (id & 1023) << 2;
    const head = list.head;
    page[r] = ALLOCATED | ALLOC_REF;
    page[r + 1] = 1;
    page[r + 2] = setHandle;
    page[r + 3] = 0;
    page[r + COLD] = 0;
    page[r + COLD + 1] = space;
    // Link at the head of the list.
    page[r + COLD + 2] = head;
    page[r + COLD + 3] = 0;
    if (head !== 0) this.own(head)[((head & 1023) << 2) + COLD + 3] = id;
    list.head = id;
    list.size++;
    if (value !== null) this.data.set(id, value);
  }

  /** ALLOCATED -> FREE_PENDING: leaves the set's list, keeps everything else. */
  markPending(id: number, list: IdList): void {
    const page = this.own(id);
    const r = (id & 1023) << 2;
    page[r] = FREE_PENDING | ((page[r] ?? 0) & ALLOC_REF);
    // Unlink.
    const n = page[r + COLD + 2] ?? 0;
    const p = page[r + COLD + 3] ?? 0;
    if (p !== 0) this.own(p)[((p & 1023) << 2) + COLD + 2] = n;
    else list.head = n;
    if (n !== 0) this.own(n)[((n & 1023) << 2) + COLD + 3] = p;
    page[r + COLD + 2] = 0;
    page[r + COLD + 3] = 0;
    list.size--;
  }

  /** Remove the record; the number becomes free. The caller settles set and allocator. */
  remove(id: number): void {
    const page = this.own(id);
    const r = (id & 1023) << 2;
    page[r] = FREE;
    page[r + 1] = 0;
    page[r + 2] = 0;
    page[r + 3] = 0;
    page[r + COLD] = 0;
    page[r + COLD + 1] = 0;
    this.data.delete(id);
    this.bitmap.clear(id);
  }

  /** The IDs of `list`, ascending. */
  listSorted(list: IdList): number[] {
    const out = new Int32Array(list.size);
    let n = 0;
    for (let id = list.head; id !== 0 && n < out.length; id = (this.dir[id >>> 10] ?? EMPTY)[((id & 1023) << 2) + COLD + 2] ?? 0) {
      out[n++] = id;
    }
    out.sort();
    return Array.from(out.subarray(0, n));
  }
}
