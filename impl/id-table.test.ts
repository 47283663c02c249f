import { describe, expect, it } from "vitest";
import {
  ALLOCATED, BINDS, FREE, FREE_PENDING, IdTable, OWNER, REFS, SPACE, SPID, allocRefAt, slot, stateAt, type IdList,
} from "./id-table.js";

const MAX = 0xfffff;
const list = (): IdList => ({ head: 0, size: 0 });

describe("IdTable paged layout", () => {
  it("answers the FREE / zero defaults for any ID of a fresh table without allocating", () => {
    const t = new IdTable();
    for (const id of [1, 1023, 1024, 500000, MAX]) {
      expect(t.stateOf(id)).toBe(FREE);
      expect(t.refsOf(id)).toBe(0);
      expect(t.ownerOf(id)).toBe(0);
      expect(t.spidOf(id)).toBe(0);
      expect(t.bindsOf(id)).toBe(0);
      expect(t.spaceOf(id)).toBe(0);
      expect(t.holdsAllocationRef(id)).toBe(false);
      expect(t.dataOf(id)).toBeNull();
    }
    expect(t.pageCount).toBe(0);
  });

  it("gives a page to the first ID created in it, and only to it", () => {
    const t = new IdTable();
    const l = list();
    t.create(MAX, 7, 3, "top", l);
    expect(t.pageCount).toBe(1);
    expect(t.stateOf(MAX)).toBe(ALLOCATED);
    expect(t.holdsAllocationRef(MAX)).toBe(true);
    expect(t.refsOf(MAX)).toBe(1);
    expect(t.ownerOf(MAX)).toBe(7);
    expect(t.spaceOf(MAX)).toBe(3);
    expect(t.dataOf(MAX)).toBe("top");
    expect(t.bitmap.has(MAX)).toBe(true);
    // Neighbours on the same page and on the page below are still free.
    expect(t.stateOf(MAX - 1)).toBe(FREE);
    expect(t.stateOf(MAX - 1024)).toBe(FREE);
    t.create(MAX - 1023, 7, 0, null, l); // same page
    expect(t.pageCount).toBe(1);
    t.create(1, 7, 0, null, l);
    expect(t.pageCount).toBe(2);
  });

  it("keeps the fields of IDs on different pages apart", () => {
    const t = new IdTable();
    const l = list();
    const ids = [1, 1023, 1024, 2047, 2048, 0x80000, MAX];
    ids.forEach((id, k) => {
      t.create(id, 10 + k, k, null, l);
      t.setRefs(id, 100 + k);
      t.setSpid(id, 200 + k);
      t.setBinds(id, 300 + k);
    });
    ids.forEach((id, k) => {
      expect(t.refsOf(id)).toBe(100 + k);
      expect(t.ownerOf(id)).toBe(10 + k);
      expect(t.spidOf(id)).toBe(200 + k);
      expect(t.bindsOf(id)).toBe(300 + k);
      expect(t.spaceOf(id)).toBe(k);
    });
    expect(t.listSorted(l)).toEqual(ids);
  });

  it("links, unlinks and removes across pages; removed records read as FREE, pages stay", () => {
    const t = new IdTable();
    const a = list();
    const b = list();
    for (const id of [5, MAX, 4096, 70000]) t.create(id, 1, 0, `d${id}`, a);
    t.create(4097, 2, 0, null, b);
    expect(t.listSorted(a)).toEqual([5, 4096, 70000, MAX]);
    expect(t.listSorted(b)).toEqual([4097]);
    t.markPending(4096, a); // middle of the list
    expect(t.stateOf(4096)).toBe(FREE_PENDING);
    expect(t.holdsAllocationRef(4096)).toBe(true);
    t.releaseAllocationRef(4096);
    expect(t.holdsAllocationRef(4096)).toBe(false);
    expect(t.stateOf(4096)).toBe(FREE_PENDING);
    expect(t.listSorted(a)).toEqual([5, 70000, MAX]);
    t.markPending(70000, a); // head (most recent creation)
    t.markPending(5, a); // tail
    expect(t.listSorted(a)).toEqual([MAX]);
    expect(a.size).toBe(1);
    const pages = t.pageCount;
    for (const id of [4096, 70000, 5]) t.remove(id);
    for (const id of [4096, 70000, 5]) {
      expect(t.stateOf(id)).toBe(FREE);
      expect(t.refsOf(id)).toBe(0);
      expect(t.ownerOf(id)).toBe(0);
      expect(t.dataOf(id)).toBeNull();
      expect(t.bitmap.has(id)).toBe(false);
    }
    expect(t.pageCount).toBe(pages);
    expect(t.listSorted(b)).toEqual([4097]);
    // A number comes back with a clean record.
    t.create(70000, 3, 0, null, b);
    expect(t.refsOf(70000)).toBe(1);
    expect(t.spidOf(70000)).toBe(0);
    expect(t.bindsOf(70000)).toBe(0);
    expect(t.listSorted(b)).toEqual([4097, 70000]);
  });
});

describe("IdTable record access (page + slot)", () => {
  it("reaches every field of a record through one page and the documented offsets", () => {
    const t = new IdTable();
    const l = list();
    const empty = t.page(4242);
    expect(t.page(4243)).toBe(empty); // both slots without a page: the shared EMPTY page
    t.create(4242, 9, 2, null, l);
    const page = t.page(4242);
    expect(page).not.toBe(empty);
    expect(t.page(4242 ^ 1)).toBe(page); // same 1024-ID slot, same page
    const r = slot(4242);
    expect(r).toBe((4242 & 1023) * 4);
    expect(stateAt(page, r)).toBe(ALLOCATED);
    expect(allocRefAt(page, r)).toBe(true);
    expect(page[r + REFS]).toBe(1);
    expect(page[r + OWNER]).toBe(9);
    expect(page[r + SPACE]).toBe(2);
    page[r + REFS] = 5;
    page[r + SPID] = 77;
    page[r + BINDS] = 3;
    expect([t.refsOf(4242), t.spidOf(4242), t.bindsOf(4242)]).toEqual([5, 77, 3]);
    // The empty page was not written.
    expect(empty.every((x) => x === 0)).toBe(true);
  });

  it("keeps the data flag in step with the data map through the record's life", () => {
    const t = new IdTable();
    const l = list();
    t.create(10, 1, 0, "x", l);
    t.create(11, 1, 0, null, l);
    expect(t.dataOf(10)).toBe("x");
    expect(t.dataOf(11)).toBeNull();
    t.setData(11, "y");
    t.setData(10, null);
    expect([t.dataOf(10), t.dataOf(11)]).toEqual([null, "y"]);
    t.markPending(11, l);
    expect(t.dataOf(11)).toBe("y");
    expect(t.holdsAllocationRef(11)).toBe(true);
    t.releaseAllocationRef(11);
    expect(t.holdsAllocationRef(11)).toBe(false);
    expect(t.stateOf(11)).toBe(FREE_PENDING);
    expect(t.dataOf(11)).toBe("y");
    t.remove(11);
    expect(t.dataOf(11)).toBeNull();
    t.create(11, 2, 0, null, l);
    expect(t.dataOf(11)).toBeNull();
  });
});
