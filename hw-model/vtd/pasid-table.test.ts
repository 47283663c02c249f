import { describe, expect, it } from "vitest";
import { directoryIndex, pasidAt, tableIndex } from "./ids.js";
import { firstLevelEntry, nestedEntry } from "./pasid-entry.js";
import {
  clearPresent,
  emptyDeviceTables,
  entriesNaming,
  entryCount,
  lookup,
  removeEntry,
  setEntry,
  tableAt,
  tableCount,
  walkTables,
} from "./pasid-table.js";
import type { VtdResult } from "./result.js";

const must = <T>(r: VtdResult<T>): T => {
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

const sva = (mm: number) => firstLevelEntry(1, { kind: "host-process", mm });

describe("two-level indexing", () => {
  const cases: ReadonlyArray<readonly [number, number, number]> = [
    [1, 0, 1],
    [63, 0, 63],
    [64, 1, 0],
    [0xfffff, 0x3fff, 63],
  ];
  it.each(cases)("PASID %i lands in directory slot %i, table slot %i", (pasid, dir, slot) => {
    expect(directoryIndex(pasid)).toBe(dir);
    expect(tableIndex(pasid)).toBe(slot);
    expect(pasidAt(dir, slot)).toBe(pasid);
    const t = must(setEntry(emptyDeviceTables(), pasid, sva(pasid)));
    expect([...(t.directory?.keys() ?? [])]).toEqual([dir]);
    const table = tableAt(t, dir);
    expect(table).not.toBeNull();
    expect(table?.length).toBe(64);
    expect(table?.[slot]).toEqual(sva(pasid));
    expect(table?.filter((e) => e !== null).length).toBe(1);
    expect(must(walkTables(t, pasid))).toEqual({ kind: "entry", directoryIndex: dir, tableIndex: slot, entry: sva(pasid) });
  });

  it("1 and 63 share a table; 64 needs a second one", () => {
    let t = emptyDeviceTables();
    t = must(setEntry(t, 1, sva(1)));
    t = must(setEntry(t, 63, sva(63)));
    expect(tableCount(t)).toBe(1);
    t = must(setEntry(t, 64, sva(64)));
    expect(tableCount(t)).toBe(2);
    expect(entryCount(t)).toBe(3);
    expect(must(walkTables(t, 65))).toEqual({ kind: "empty-slot", directoryIndex: 1, tableIndex: 1 });
    expect(must(walkTables(t, 128))).toEqual({ kind: "no-table", directoryIndex: 2 });
  });
});

describe("PASID range", () => {
  it.each([0, -1, 0x100000, 1.5, Number.NaN])("PASID %s is refused by every operation", (pasid) => {
    const t = emptyDeviceTables();
    for (const r of [setEntry(t, pasid, sva(1)), clearPresent(t, pasid), removeEntry(t, pasid), lookup(t, pasid), walkTables(t, pasid)]) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toContain("outside 1..0xFFFFF");
    }
  });
});

describe("writes", () => {
  const start = must(setEntry(emptyDeviceTables(), 100, nestedEntry(7, 2, 9, { fpd: true })));

  it("setEntry refuses an illegal entry and leaves the tables alone", () => {
    const r = setEntry(start, 101, { ...sva(1), did: 0 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain("illegal PASID entry for PASID 101");
    expect(entryCount(start)).toBe(1);
  });

  it("setEntry needs a directory", () => {
    const r = setEntry(emptyDeviceTables(undefined, false), 1, sva(1));
    expect(r.ok).toBe(false);
    expect(must(walkTables(emptyDeviceTables(undefined, false), 1))).toEqual({ kind: "no-directory" });
  });

  it("clearPresent keeps FPD and every other field; setFpd sets FPD", () => {
    const cleared = must(clearPresent(start, 100));
    expect(must(lookup(cleared, 100))).toEqual({ ...nestedEntry(7, 2, 9, { fpd: true }), present: false });
    const plain = must(setEntry(emptyDeviceTables(), 5, sva(1)));
    expect(must(lookup(must(clearPresent(plain, 5)), 5))).toEqual({ ...sva(1), present: false, fpd: false });
    expect(must(lookup(must(clearPresent(plain, 5, true)), 5))).toEqual({ ...sva(1), present: false, fpd: true });
    expect(entryCount(cleared)).toBe(1);
  });

  it("copy-on-write: the old tables are unchanged", () => {
    const before = JSON.stringify([...(start.directory?.entries() ?? [])]);
    must(clearPresent(start, 100));
    must(setEntry(start, 100, sva(3)));
    must(removeEntry(start, 100));
    expect(JSON.stringify([...(start.directory?.entries() ?? [])])).toBe(before);
  });

  it("removeEntry empties the slot and drops an emptied table; empty slots are no-ops", () => {
    const removed = must(removeEntry(start, 100));
    expect(must(lookup(removed, 100))).toBeNull();
    expect(tableCount(removed)).toBe(0);
    expect(entryCount(removed)).toBe(0);
    expect(removed).toEqual(emptyDeviceTables());
    expect(must(removeEntry(removed, 100))).toBe(removed);
    expect(must(clearPresent(removed, 100))).toBe(removed);
  });

  it("entriesNaming lists present and cleared entries with their PASIDs, in order", () => {
    let t = must(setEntry(start, 0xfffff, sva(4)));
    t = must(setEntry(t, 3, sva(5)));
    t = must(clearPresent(t, 100));
    expect(entriesNaming(t).map((n) => [n.pasid, n.entry.present])).toEqual([
      [3, true],
      [100, false],
      [0xfffff, true],
    ]);
    expect(entryCount(t)).toBe(3);
  });
});
