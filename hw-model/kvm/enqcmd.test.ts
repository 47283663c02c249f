/**
 * Guest ENQCMD through the VM's table: exits on a missing or invalid entry, translates after set.
 */
import { describe, expect, it } from "vitest";
import type { KvmPasidTable, KvmResult } from "./index.js";
import { clearPasidEntry, emptyPasidTable, enqcmd, setPasidEntry } from "./index.js";

const table = (r: KvmResult): KvmPasidTable => {
  if (!r.ok) return expect.unreachable(`unexpected refusal: ${r.error}`);
  return r.table;
};

describe("enqcmd", () => {
  it("exits when the directory slot has no leaf", () => {
    const out = enqcmd(emptyPasidTable(), 101);
    expect(out.kind).toBe("exit");
    if (out.kind === "exit") expect(out.reason).toBe("no-leaf");
  });

  it("exits when the leaf exists but the entry is not valid", () => {
    const t = table(setPasidEntry(emptyPasidTable(), 100, 200));
    const out = enqcmd(t, 101); // same leaf (slot 0), other entry
    expect(out.kind).toBe("exit");
    if (out.kind === "exit") expect(out.reason).toBe("entry-invalid");
  });

  it("translates to the host PASID after set", () => {
    const t = table(setPasidEntry(emptyPasidTable(), 101, 201));
    expect(enqcmd(t, 101)).toEqual({ kind: "translated", hostPasid: 201 });
  });

  it("two VMs' tables translate the same guest PASID to different host PASIDs", () => {
    const vm1 = table(setPasidEntry(emptyPasidTable(), 101, 201));
    const vm2 = table(setPasidEntry(emptyPasidTable(), 101, 202));
    expect(enqcmd(vm1, 101)).toEqual({ kind: "translated", hostPasid: 201 });
    expect(enqcmd(vm2, 101)).toEqual({ kind: "translated", hostPasid: 202 });
  });

  it("exits again after clear", () => {
    const set = table(setPasidEntry(emptyPasidTable(), 0x7ff, 9));
    const cleared = table(clearPasidEntry(set, 0x7ff));
    const out = enqcmd(cleared, 0x7ff);
    expect(out.kind).toBe("exit");
    if (out.kind === "exit") expect(out.reason).toBe("no-leaf");
    expect(enqcmd(set, 0x7ff)).toEqual({ kind: "translated", hostPasid: 9 }); // the old table is untouched
  });

  it.each([0, -1, 0x100000, 0.5])("exits without translating an out-of-range guest PASID %s", (g) => {
    const t = table(setPasidEntry(emptyPasidTable(), 1, 1));
    const out = enqcmd(t, g);
    expect(out.kind).toBe("exit");
    if (out.kind === "exit") expect(out.reason).toBe("pasid-out-of-range");
  });
});
