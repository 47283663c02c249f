/**
 * SMMUv3 resolution for every STE configuration, the SSID range, CD validity and the nested case
 * with guest-owned CD tables.
 */
import { describe, expect, it } from "vitest";
import type { AddressSpace, Resolution } from "../address-space.js";
import {
  assignVmid,
  bindGuestCdTable,
  clearSte,
  emptySmmu,
  guestWriteCd,
  hostWriteCd,
  resolveDma,
  walkDma,
  writeSte,
} from "./index.js";
import { dma, faultReason, okState, run, to } from "./test-support.js";

const proc7: AddressSpace = { kind: "host-process", mm: 7 };

describe("STE configurations", () => {
  it("no valid STE: reported C_BAD_STE", () => {
    const [s, r] = dma(emptySmmu(), 3, 0);
    expect(r).toEqual({ kind: "fault", reason: "C_BAD_STE: stream 3 has no valid STE", reported: true });
    expect(s).toBe(emptySmmu());
  });

  it("abort: a fault that records no event", () => {
    const s = run(emptySmmu(), (x) => writeSte(x, 3, { config: "abort" }));
    expect(dma(s, 3, 0)[1]).toEqual({ kind: "fault", reason: "stream 3: STE.Config is abort", reported: false });
  });

  it("bypass: host physical, from memory then from the cached STE", () => {
    let s = run(emptySmmu(), (x) => writeSte(x, 3, { config: "bypass" }));
    let r: Resolution;
    [s, r] = dma(s, 3, 0);
    expect(r).toEqual(to({ kind: "host-physical" }, "walk"));
    [s, r] = dma(s, 3, 0);
    expect(r).toEqual(to({ kind: "host-physical" }, "cache"));
  });

  it("s2: the VM's guest-physical space; needs the VM's VMID", () => {
    expect(writeSte(emptySmmu(), 3, { config: "s2", vm: 1 })).toEqual({
      ok: false,
      error: "smmuv3: vm1 has no VMID: assign one before giving it a stage 2",
    });
    const s = run(emptySmmu(), (x) => assignVmid(x, 1, 9), (x) => writeSte(x, 3, { config: "s2", vm: 1 }));
    expect(s.streamTable.get(3)).toEqual({ config: "s2", s2: { kind: "vm-physical", vm: 1 }, vmid: 9 });
    expect(dma(s, 3, 0)[1]).toEqual(to({ kind: "vm-physical", vm: 1 }, "walk"));
  });

  it("s1: the CD of the SSID in the host table (native SVA)", () => {
    const s = run(
      emptySmmu(),
      (x) => writeSte(x, 3, { config: "s1", table: 0, s1CdMax: 2 }),
      (x) => hostWriteCd(x, 0, 1, { valid: true, asid: 5, ttb: proc7 }),
    );
    expect(dma(s, 3, 1)[1]).toEqual(to(proc7, "walk"));
  });

  it("s1: SSID beyond 2^S1CDMax, absent CD and invalid CD all fault", () => {
    const s = run(
      emptySmmu(),
      (x) => writeSte(x, 3, { config: "s1", table: 0, s1CdMax: 2 }),
      (x) => hostWriteCd(x, 0, 1, { valid: true, asid: 5, ttb: proc7 }),
      (x) => hostWriteCd(x, 0, 2, { valid: false, asid: 6, ttb: proc7 }),
      (x) => hostWriteCd(x, 0, 4, { valid: true, asid: 7, ttb: proc7 }),
    );
    expect(faultReason(dma(s, 3, 4)[1])).toBe("C_BAD_SUBSTREAMID: stream 3 SSID 4 is beyond its 2^2 CDs");
    expect(faultReason(dma(s, 3, 3)[1])).toBe("C_BAD_CD: stream 3 SSID 3: CD table host/0 has no valid CD");
    expect(faultReason(dma(s, 3, 2)[1])).toContain("C_BAD_CD");
    const wide = okState(writeSte(s, 3, { config: "s1", table: 0, s1CdMax: 3 }));
    expect(dma(wide, 3, 4)[1]).toEqual(to(proc7, "walk"));
  });

  it("S1CDMax 0 accepts only SSID 0", () => {
    const s = run(
      emptySmmu(),
      (x) => writeSte(x, 3, { config: "s1", table: 0, s1CdMax: 0 }),
      (x) => hostWriteCd(x, 0, 0, { valid: true, asid: 1, ttb: proc7 }),
    );
    expect(dma(s, 3, 0)[1]).toEqual(to(proc7, "walk"));
    expect(faultReason(dma(s, 3, 1)[1])).toContain("C_BAD_SUBSTREAMID");
  });

  it("clearing the STE makes DMA fault once the cache is invalidated", () => {
    const s = run(emptySmmu(), (x) => writeSte(x, 3, { config: "bypass" }), (x) => clearSte(x, 3));
    expect(faultReason(dma(s, 3, 0)[1])).toContain("C_BAD_STE");
  });

  it("never changes the state it was given, and fills the caches in the new one", () => {
    const s = run(
      emptySmmu(),
      (x) => writeSte(x, 3, { config: "s1", table: 0, s1CdMax: 4 }),
      (x) => hostWriteCd(x, 0, 1, { valid: true, asid: 5, ttb: proc7 }),
    );
    const out = resolveDma(s, 3, 1);
    expect(s.steCache.size + s.cdCache.size + s.tlb.size).toBe(0);
    expect(out.state.steCache.get(3)).toEqual(s.streamTable.get(3));
    expect(out.state.cdCache.get(3)?.get(1)).toEqual({ valid: true, asid: 5, ttb: proc7 });
    expect([...out.state.tlb.values()]).toEqual([{ scope: { kind: "host" }, asid: 5, space: proc7 }]);
    expect(out.state.streamTable).toBe(s.streamTable);
  });

  it("bad arguments give reported faults naming them", () => {
    expect(faultReason(resolveDma(emptySmmu(), -1, 0).resolution)).toBe("smmuv3: StreamID -1 is not a 32-bit StreamID");
    expect(faultReason(resolveDma(emptySmmu(), 1, 0x100000).resolution)).toBe("smmuv3: SSID 1048576 is not a 20-bit SubstreamID");
    expect(faultReason(walkDma(emptySmmu(), 1.5, 0))).toContain("StreamID 1.5");
  });
});

describe("nested: guest-owned CD tables", () => {
  /** VM 1 (VMID 11) and VM 2 (VMID 12) each own CD table 0 and bind it to their own stream. */
  const twoGuests = () =>
    run(
      emptySmmu(),
      (x) => assignVmid(x, 1, 11),
      (x) => assignVmid(x, 2, 12),
      (x) => guestWriteCd(x, 1, 0, 1, { valid: true, asid: 3, guestMm: 100 }),
      (x) => guestWriteCd(x, 2, 0, 1, { valid: true, asid: 3, guestMm: 200 }),
      (x) => bindGuestCdTable(x, 0x10, 1, 0, 4),
      (x) => bindGuestCdTable(x, 0x20, 2, 0, 4),
    );

  it("the host binding stores a reference to the VM's table, with the VM's stage 2", () => {
    expect(twoGuests().streamTable.get(0x10)).toEqual({
      config: "nested",
      cdTable: { owner: { kind: "vm", vm: 1 }, table: 0, s1CdMax: 4 },
      s2: { kind: "vm-physical", vm: 1 },
      vmid: 11,
    });
  });

  it("two VMs use SSID 1 (and ASID 3) for different guest processes", () => {
    let s = twoGuests();
    let r: Resolution;
    [s, r] = dma(s, 0x10, 1);
    expect(r).toEqual(to({ kind: "guest-process", vm: 1, guestMm: 100 }, "walk"));
    [s, r] = dma(s, 0x20, 1);
    expect(r).toEqual(to({ kind: "guest-process", vm: 2, guestMm: 200 }, "walk"));
    // the TLB tags by VMID, so the second VM's ASID 3 did not hit the first VM's entry
    expect(s.tlb.size).toBe(2);
    [s, r] = dma(s, 0x10, 1);
    expect(r).toEqual(to({ kind: "guest-process", vm: 1, guestMm: 100 }, "cache"));
  });

  it("a guest CD write is visible without the host (the table is in guest memory)", () => {
    const s = run(twoGuests(), (x) => guestWriteCd(x, 1, 0, 2, { valid: true, asid: 4, guestMm: 101 }));
    expect(dma(s, 0x10, 2)[1]).toEqual(to({ kind: "guest-process", vm: 1, guestMm: 101 }, "walk"));
    expect(faultReason(dma(s, 0x20, 2)[1])).toBe("C_BAD_CD: stream 32 SSID 2: CD table vm2/0 has no valid CD");
  });

  it("a host CD cannot map a guest process", () => {
    const r = hostWriteCd(emptySmmu(), 0, 1, { valid: true, asid: 1, ttb: { kind: "guest-process", vm: 1, guestMm: 1 } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain("cannot map a guest process");
  });

  it("refuses out-of-range fields", () => {
    expect(guestWriteCd(emptySmmu(), 1, 0, 1, { valid: true, asid: 0x10000, guestMm: 1 })).toEqual({
      ok: false,
      error: "smmuv3: ASID 65536 is not a 16-bit ASID",
    });
    expect(bindGuestCdTable(emptySmmu(), 1, 1, 0, 21).ok).toBe(false);
    expect(assignVmid(emptySmmu(), 1, 0)).toEqual({ ok: false, error: "smmuv3: VMID 0 is not a VMID (1..0xffff)" });
  });
});
