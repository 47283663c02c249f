/**
 * SpidIndex: one set's SPID -> host ID map, as a two-level radix table (like the kernel's
 * xarray): a directory of 1024 pages, each page an Int32Array of 1024 slots, allocated when its
 * first SPID arrives and released when its last one leaves. A lookup is two array indexings and
 * no hashing; memory follows the SPIDs in use (the directory is created with the first SPID,
 * then 4 KiB per page touched), so a set that never maps an SPID costs nothing.
 *
 * Rules:
 *  1. Keys are validated SPIDs (integers 1..0xFFFFF); a slot holding 0 is empty (0 is no ID).
 *  2. `size` counts the occupied slots.
 */
const PAGE_BITS = 10;
const PAGE_SIZE = 1 << PAGE_BITS;
const PAGE_MASK = PAGE_SIZE - 1;

export class SpidIndex {
  private pages: (Int32Array | undefined)[] | null = null;
  private readonly used = new Map<number, number>();
  size = 0;

  /** The ID mapped from `spid`, or 0. */
  get(spid: number): number {
    if (this.pages === null) return 0;
    const page = this.pages[spid >>> PAGE_BITS];
    return page === undefined ? 0 : page[spid & PAGE_MASK] ?? 0;
  }

  has(spid: number): boolean {
    return this.get(spid) !== 0;
  }

  set(spid: number, id: number): void {
    if (this.pages === null) this.pages = new Array<Int32Array | undefined>(PAGE_SIZE).fill(undefined);
    const p = spid >>> PAGE_BITS;
    let page = this.pages[p];
    if (page === undefined) {
      page = new Int32Array(PAGE_SIZE);
      this.pages[p] = page;
    }
    const slot = spid & PAGE_MASK;
    if ((page[slot] ?? 0) === 0) {
      this.used.set(p, (this.used.get(p) ?? 0) + 1);
      this.size++;
    }
    page[slot] = id;
  }

  delete(spid: number): void {
    if (this.pages === null) return;
    const p = spid >>> PAGE_BITS;
    const page = this.pages[p];
    const slot = spid & PAGE_MASK;
    if (page === undefined || (page[slot] ?? 0) === 0) return;
    page[slot] = 0;
    this.size--;
    const left = (this.used.get(p) ?? 0) - 1;
    if (left > 0) {
      this.used.set(p, left);
    } else {
      this.used.delete(p);
      this.pages[p] = undefined;
    }
  }

  clear(): void {
    this.pages = null;
    this.used.clear();
    this.size = 0;
  }
}
