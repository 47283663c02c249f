/**
 * The KVM PASID translation table: two-level indexing, set, clear, lookup, listing, bad input.
 */
import { describe, expect, it } from "vitest";
import type { KvmPasidTable, KvmResult } from "./index.js";
import {
  clearPasidEntry,
  directoryIndex,
  emptyPasidTable,
  leafIndex,
  lookupPasidEntry,
  pasidEntries,
  pasidEntryCount,
  presentLeaves,
  setPasidEntry,
} from "./index.js";

/** The table of a successful update; fails the test otherwise. */
const table = (r: KvmResult): KvmPasidTable => {
  if (!r.ok) return expect.unreachable(`unexpected refusal: ${r.error}`);
  return r.table;
};

describe("two-level indexing", () => {
  it("splits a guest PASID into directory bits 19:10 and leaf bits 9:0", () => {
    expect(directoryIndex(0x00001)).toBe(0);
    expect(leafIndex(0x00001)).toBe(1);
    expect(directoryIndex(0x003ff)).toBe(0);
    expect(leafIndex(0x003ff)).toBe(0x3ff);
    expect(directoryIndex(0x00400)).toBe(1);
    expect(leafIndex(0x00400)).toBe(0);
    expect(directoryIndex(0xfffff)).toBe(0x3ff);
    expect(leafIndex(0xfffff)).toBe(0x3ff);
  });

  it("creates one leaf per directory slot touched and frees it with its last entry", () => {
    let t = emptyPasidTable();
    expect(presentLeaves(t)).toEqual([]);
    t = table(setPasidEntry(t, 5, 100)); // slot 0
    t = table(setPasidEntry(t, 0x3ff, 101)); // slot 0 again
    t = table(setPasidEntry(t, 0x401, 102)); // slot 1
    t = table(setPasidEntry(t, 0xfffff, 103)); // slot 0x3ff
    expect(presentLeaves(t)).toEqual([0, 1, 0x3ff]);
    expect(t.directory.get(0)?.size).toBe(2);

    t = table(clearPasidEntry(t, 0x401));
    expect(presentLeaves(t)).toEqual([0, 0x3ff]);
    t = table(clearPasidEntry(t, 5));
    expect(presentLeaves(t)).toEqual([0, 0x3ff]); // 0x3ff still lives in slot 0
    t = table(clearPasidEntry(t, 0x3ff));
    t = table(clearPasidEntry(t, 0xfffff));
    expect(presentLeaves(t)).toEqual([]);
    expect(pasidEntryCount(t)).toBe(0);
  });

  it("keeps guest PASIDs that share a leaf index but not a slot apart", () => {
    let t = table(setPasidEntry(emptyPasidTable(), 0x001, 11));
    t = table(setPasidEntry(t, 0x401, 22));
    expect(lookupPasidEntry(t, 0x001)).toEqual({ ok: true, entry: { valid: true, hostPasid: 11 } });
    expect(lookupPasidEntry(t, 0x401)).toEqual({ ok: true, entry: { valid: true, hostPasid: 22 } });
    expect(lookupPasidEntry(t, 0x801)).toEqual({ ok: true, entry: { valid: false, hostPasid: 0 } });
  });
});

describe("set, clear, lookup, entries, count", () => {
  it("set makes a valid entry, overwrite replaces it, clear invalidates it", () => {
    let t = table(setPasidEntry(emptyPasidTable(), 101, 201));
    expect(lookupPasidEntry(t, 101)).toEqual({ ok: true, entry: { valid: true, hostPasid: 201 } });
    expect(pasidEntryCount(t)).toBe(1);

    t = table(setPasidEntry(t, 101, 202));
    expect(lookupPasidEntry(t, 101)).toEqual({ ok: true, entry: { valid: true, hostPasid: 202 } });
    expect(pasidEntryCount(t)).toBe(1);

    t = table(clearPasidEntry(t, 101));
    expect(lookupPasidEntry(t, 101)).toEqual({ ok: true, entry: { valid: false, hostPasid: 0 } });
    expect(pasidEntryCount(t)).toBe(0);
  });

  it("never changes the table it was given", () => {
    const before = table(setPasidEntry(emptyPasidTable(), 7, 70));
    const after = table(setPasidEntry(before, 8, 80));
    table(clearPasidEntry(after, 7));
    expect(pasidEntries(before)).toEqual([{ gpasid: 7, hostPasid: 70 }]);
    expect(pasidEntries(after)).toEqual([
      { gpasid: 7, hostPasid: 70 },
      { gpasid: 8, hostPasid: 80 },
    ]);
    expect(pasidEntryCount(emptyPasidTable())).toBe(0);
  });

  it("returns the same table for no-op updates", () => {
    const t = table(setPasidEntry(emptyPasidTable(), 3, 30));
    expect(table(setPasidEntry(t, 3, 30))).toBe(t);
    expect(table(clearPasidEntry(t, 4))).toBe(t);
    expect(table(clearPasidEntry(t, 0x403))).toBe(t);
  });

  it("lists every valid entry by ascending guest PASID", () => {
    let t = emptyPasidTable();
    const pairs: ReadonlyArray<readonly [number, number]> = [[0x800, 1], [2, 3], [0x401, 5]];
    for (const [g, h] of pairs) t = table(setPasidEntry(t, g, h));
    expect(pasidEntries(t)).toEqual([
      { gpasid: 2, hostPasid: 3 },
      { gpasid: 0x401, hostPasid: 5 },
      { gpasid: 0x800, hostPasid: 1 },
    ]);
  });
});

describe("bad input is refused with a message, never thrown", () => {
  it.each([0, -1, 0x100000, 1.5, Number.NaN])("guest PASID %s", (g) => {
    const r = setPasidEntry(emptyPasidTable(), g, 5);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain("guest PASID");
    expect(clearPasidEntry(emptyPasidTable(), g).ok).toBe(false);
    expect(lookupPasidEntry(emptyPasidTable(), g).ok).toBe(false);
  });

  it.each([0, 0x100000, -3, 2.5])("host PASID %s", (h) => {
    const r = setPasidEntry(emptyPasidTable(), 1, h);
    expect(r).toEqual({ ok: false, error: `kvm: host PASID ${String(h)} is not a PASID (integer 1..0xfffff)` });
  });

  it("accepts the range ends 1 and 0xFFFFF", () => {
    const t = table(setPasidEntry(emptyPasidTable(), 1, 0xfffff));
    expect(table(setPasidEntry(t, 0xfffff, 1)).count).toBe(2);
  });
});
