import { describe, expect, it } from "vitest";
import {
  entrySpace,
  firstLevelEntry,
  nestedEntry,
  passThroughEntry,
  PGTT,
  secondLevelEntry,
  validateEntry,
  type PasidEntry,
} from "./pasid-entry.js";

const base: PasidEntry = nestedEntry(5, 1, 7);

describe("validateEntry", () => {
  const cases: ReadonlyArray<readonly [string, PasidEntry, string | null]> = [
    ["nested with VM second level and guest CR3", base, null],
    ["nested, non-present still checked and legal", { ...base, present: false, fpd: true }, null],
    ["first-level native SVA", firstLevelEntry(1, { kind: "host-process", mm: 3 }), null],
    ["first-level over a VM's memory", firstLevelEntry(1, { kind: "vm-physical", vm: 2 }), null],
    ["second-level VM", secondLevelEntry(9, { kind: "vm-physical", vm: 2 }), null],
    ["pass-through", passThroughEntry(0xffff), null],
    ["did 0 reserved", { ...base, did: 0 }, "domain ID 0 is outside 1..0xFFFF"],
    ["did above 16 bits", { ...base, did: 0x10000 }, "domain ID 65536 is outside"],
    ["did not an integer", { ...base, did: 1.5 }, "domain ID 1.5"],
    ["first-level without flptr", { ...base, pgtt: PGTT.firstLevel, slptr: null, flptr: null }, "PGTT 1 (first-level) needs flptr"],
    ["first-level with a guest CR3", { ...base, pgtt: PGTT.firstLevel, slptr: null }, "needs PGTT 3 (nested)"],
    ["first-level with slptr", { ...firstLevelEntry(1, { kind: "host-process", mm: 3 }), slptr: { kind: "vm-physical", vm: 1 } }, "PGTT 1 (first-level) must have a null slptr"],
    ["second-level without slptr", { ...secondLevelEntry(1, { kind: "vm-physical", vm: 1 }), slptr: null }, "PGTT 2 (second-level) needs slptr"],
    ["second-level with flptr", { ...secondLevelEntry(1, { kind: "vm-physical", vm: 1 }), flptr: { kind: "host-process", mm: 1 } }, "PGTT 2 (second-level) must have a null flptr"],
    ["nested without slptr", { ...base, slptr: null }, "PGTT 3 (nested) needs slptr"],
    ["nested over a host process", { ...base, slptr: { kind: "host-process", mm: 1 } }, "needs slptr to be a VM's guest-physical space"],
    ["nested without flptr", { ...base, flptr: null }, "PGTT 3 (nested) needs flptr"],
    ["nested with a host process as CR3", { ...base, flptr: { kind: "host-process", mm: 1 } }, "needs flptr to be a guest process's page table"],
    ["pass-through with slptr", { ...passThroughEntry(1), slptr: { kind: "vm-physical", vm: 1 } }, "PGTT 4 (pass-through) must have null"],
    ["pass-through with flptr", { ...passThroughEntry(1), flptr: { kind: "host-process", mm: 1 } }, "PGTT 4 (pass-through) must have null"],
  ];
  it.each(cases)("%s", (_name, entry, expected) => {
    const r = validateEntry(entry);
    if (expected === null) {
      expect(r).toEqual({ ok: true, value: entry });
    } else {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toContain(expected);
    }
  });

  it("rejects a PGTT outside 1..4 at run time", () => {
    const raw: unknown = JSON.parse('{"present":true,"fpd":false,"pgtt":5,"did":1,"slptr":null,"flptr":null}');
    const isEntryShape = (x: unknown): x is PasidEntry => typeof x === "object" && x !== null;
    if (!isEntryShape(raw)) throw new Error("unreachable");
    const r = validateEntry(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toBe("PGTT 5 is not 1, 2, 3 or 4");
  });
});

describe("entrySpace", () => {
  it("nested: the slptr's VM with the flptr's guest mm", () => {
    expect(entrySpace(nestedEntry(5, 1, 7))).toEqual({ kind: "guest-process", vm: 1, guestMm: 7 });
  });
  it("nested with a flptr claiming another VM lands in the slptr's VM", () => {
    const e: PasidEntry = { ...nestedEntry(5, 1, 7), flptr: { kind: "guest-process", vm: 2, guestMm: 7 } };
    expect(validateEntry(e).ok).toBe(true);
    expect(entrySpace(e)).toEqual({ kind: "guest-process", vm: 1, guestMm: 7 });
  });
  it("first-level, second-level, pass-through", () => {
    expect(entrySpace(firstLevelEntry(1, { kind: "host-process", mm: 3 }))).toEqual({ kind: "host-process", mm: 3 });
    expect(entrySpace(secondLevelEntry(1, { kind: "vm-physical", vm: 4 }))).toEqual({ kind: "vm-physical", vm: 4 });
    expect(entrySpace(passThroughEntry(1))).toEqual({ kind: "host-physical" });
  });
  it("a cleared entry still says where it led; an illegal one leads nowhere", () => {
    expect(entrySpace({ ...nestedEntry(5, 1, 7), present: false })).toEqual({ kind: "guest-process", vm: 1, guestMm: 7 });
    expect(entrySpace({ ...nestedEntry(5, 1, 7), did: 0 })).toBeNull();
  });
});
