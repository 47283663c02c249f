/**
 * Property: over random set/clear sequences, the table agrees with a plain map of the last write
 * per guest PASID; in particular ENQCMD never translates a guest PASID that was never set or was
 * cleared since, and the leaves present are exactly the slots that hold a valid entry.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { KvmPasidTable } from "./index.js";
import {
  clearPasidEntry,
  directoryIndex,
  emptyPasidTable,
  enqcmd,
  pasidEntries,
  pasidEntryCount,
  presentLeaves,
  setPasidEntry,
} from "./index.js";

/** A few guest PASIDs spread over three leaves, including the range ends. */
const gpasid = fc.constantFrom(1, 2, 0x3ff, 0x400, 0x401, 0xffffe, 0xfffff);
const hostPasid = fc.integer({ min: 1, max: 0xfffff });
const op = fc.oneof(
  fc.record({ kind: fc.constant<"set">("set"), g: gpasid, h: hostPasid }),
  fc.record({ kind: fc.constant<"clear">("clear"), g: gpasid }),
);

describe("random set/clear sequences", () => {
  it("agree with a map of the last write; enqcmd translates exactly the set entries", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40, size: "max" }), fc.array(gpasid, { minLength: 1, maxLength: 8 }), (ops, probes) => {
        let t: KvmPasidTable = emptyPasidTable();
        const model = new Map<number, number>();
        for (const o of ops) {
          const r = o.kind === "set" ? setPasidEntry(t, o.g, o.h) : clearPasidEntry(t, o.g);
          expect(r.ok).toBe(true);
          if (r.ok) t = r.table;
          if (o.kind === "set") model.set(o.g, o.h);
          else model.delete(o.g);
        }
        for (const g of probes) {
          const h = model.get(g);
          const out = enqcmd(t, g);
          if (h === undefined) expect(out.kind).toBe("exit");
          else expect(out).toEqual({ kind: "translated", hostPasid: h });
        }
        expect(pasidEntryCount(t)).toBe(model.size);
        expect(pasidEntries(t)).toEqual([...model].sort((a, b) => a[0] - b[0]).map(([g, h]) => ({ gpasid: g, hostPasid: h })));
        const slots = [...new Set([...model.keys()].map(directoryIndex))].sort((a, b) => a - b);
        expect(presentLeaves(t)).toEqual(slots);
      }),
      { numRuns: 300 },
    );
  });
});
