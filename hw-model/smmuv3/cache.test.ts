/**
 * SMMUv3 caches: STEs, CDs and TLB entries stay stale until the matching invalidation; VMID reuse.
 */
import { describe, expect, it } from "vitest";
import type { AddressSpace, Resolution } from "../address-space.js";
import {
  HOST_SCOPE,
  assignVmid,
  bindGuestCdTable,
  clearSte,
  emptySmmu,
  guestWriteCd,
  hostClearCd,
  hostWriteCd,
  issueCommand,
  releaseVmid,
  walkDma,
  writeSte,
} from "./index.js";
import { dma, faultReason, okState, run, to } from "./test-support.js";

const mm7: AddressSpace = { kind: "host-process", mm: 7 };
const mm8: AddressSpace = { kind: "host-process", mm: 8 };

/** Stream 3, s1 on host table 0; SSID 1 -> ASID 5 -> mm7; resolved once (caches filled). */
const warmed = () => {
  const s = run(
    emptySmmu(),
    (x) => writeSte(x, 3, { config: "s1", table: 0, s1CdMax: 4 }),
    (x) => hostWriteCd(x, 0, 1, { valid: true, asid: 5, ttb: mm7 }),
  );
  return dma(s, 3, 1)[0];
};

describe("stale until invalidated", () => {
  it("a CD rewritten in memory keeps translating to the old space until CFGI_CD and TLBI", () => {
    let s = run(warmed(), (x) => hostWriteCd(x, 0, 1, { valid: true, asid: 5, ttb: mm8 }));
    let r: Resolution;
    [s, r] = dma(s, 3, 1);
    expect(r).toEqual(to(mm7, "cache"));
    expect(walkDma(s, 3, 1)).toEqual(to(mm8, "walk"));

    s = run(s, (x) => issueCommand(x, { op: "CMD_CFGI_CD", streamId: 3, ssid: 1 }));
    [s, r] = dma(s, 3, 1);
    expect(r).toEqual(to(mm7, "cache")); // same ASID: the TLB still answers

    s = run(s, (x) => issueCommand(x, { op: "CMD_TLBI_NH_ASID", scope: HOST_SCOPE, asid: 5 }));
    [s, r] = dma(s, 3, 1);
    expect(r).toEqual(to(mm8, "cache")); // fresh CD and TLB fill; the STE came from the cache
  });

  it("TLBI alone is not enough while the stale CD is cached", () => {
    let s = run(
      warmed(),
      (x) => hostClearCd(x, 0, 1),
      (x) => issueCommand(x, { op: "CMD_TLBI_NH_ASID", scope: HOST_SCOPE, asid: 5 }),
    );
    let r: Resolution;
    [s, r] = dma(s, 3, 1);
    expect(r).toEqual(to(mm7, "cache")); // the cached CD refilled the TLB with the old space
    s = run(
      s,
      (x) => issueCommand(x, { op: "CMD_CFGI_CD", streamId: 3, ssid: 1 }),
      (x) => issueCommand(x, { op: "CMD_TLBI_NH_ASID", scope: HOST_SCOPE, asid: 5 }),
    );
    expect(faultReason(dma(s, 3, 1)[1])).toContain("C_BAD_CD");
  });

  it("a changed STE is used only after CFGI_STE, which also drops the CDs read through it", () => {
    let s = run(warmed(), (x) => writeSte(x, 3, { config: "abort" }));
    expect(dma(s, 3, 1)[1]).toEqual(to(mm7, "cache"));
    s = run(s, (x) => issueCommand(x, { op: "CMD_CFGI_STE", streamId: 3 }));
    expect(s.steCache.size).toBe(0);
    expect(s.cdCache.size).toBe(0);
    expect(dma(s, 3, 1)[1]).toEqual({ kind: "fault", reason: "stream 3: STE.Config is abort", reported: false });
  });

  it("a cleared STE keeps translating from the cache until CFGI_STE", () => {
    let s = run(warmed(), (x) => clearSte(x, 3));
    expect(dma(s, 3, 1)[1].kind).toBe("translated");
    s = run(s, (x) => issueCommand(x, { op: "CMD_CFGI_STE", streamId: 3 }));
    expect(faultReason(dma(s, 3, 1)[1])).toContain("C_BAD_STE");
  });

  it("invalidations of absent entries return the same state; bad commands are refused", () => {
    const s = warmed();
    expect(okState(issueCommand(s, { op: "CMD_TLBI_NH_ASID", scope: HOST_SCOPE, asid: 6 }))).toBe(s);
    expect(okState(issueCommand(s, { op: "CMD_CFGI_CD", streamId: 3, ssid: 2 }))).toBe(s);
    expect(okState(issueCommand(s, { op: "CMD_CFGI_STE", streamId: 4 }))).toBe(s);
    expect(okState(issueCommand(s, { op: "CMD_TLBI_S12_VMALL", vmid: 1 }))).toBe(s);
    expect(issueCommand(s, { op: "CMD_TLBI_NH_ASID", scope: { kind: "vmid", vmid: 0 }, asid: 1 }).ok).toBe(false);
    expect(issueCommand(s, { op: "CMD_CFGI_CD", streamId: 3, ssid: -1 }).ok).toBe(false);
  });

  it("two streams sharing an ASID share its TLB entry (ASID reuse is visible)", () => {
    let s = run(
      warmed(),
      (x) => writeSte(x, 4, { config: "s1", table: 1, s1CdMax: 4 }),
      (x) => hostWriteCd(x, 1, 1, { valid: true, asid: 5, ttb: mm8 }), // same ASID, other mm: a host bug
    );
    let r: Resolution;
    [s, r] = dma(s, 4, 1);
    expect(r).toEqual(to(mm7, "cache"));
    expect(walkDma(s, 4, 1)).toEqual(to(mm8, "walk"));
  });
});

describe("VMIDs", () => {
  /** VM 1 with VMID 5 runs guest mm 100 at SSID 1 (ASID 2) on stream 0x10; resolved once. */
  const vm1 = () => {
    const s = run(
      emptySmmu(),
      (x) => assignVmid(x, 1, 5),
      (x) => guestWriteCd(x, 1, 0, 1, { valid: true, asid: 2, guestMm: 100 }),
      (x) => bindGuestCdTable(x, 0x10, 1, 0, 4),
    );
    return dma(s, 0x10, 1)[0];
  };

  /** VM 1 goes away without TLBI_S12_VMALL unless `flush`; VM 2 gets VMID 5 and uses ASID 2. */
  const handOver = (flush: boolean) => {
    let s = run(vm1(), (x) => clearSte(x, 0x10), (x) => issueCommand(x, { op: "CMD_CFGI_STE", streamId: 0x10 }));
    if (flush) s = run(s, (x) => issueCommand(x, { op: "CMD_TLBI_S12_VMALL", vmid: 5 }));
    return run(
      s,
      (x) => releaseVmid(x, 1),
      (x) => assignVmid(x, 2, 5),
      (x) => guestWriteCd(x, 2, 0, 1, { valid: true, asid: 2, guestMm: 200 }),
      (x) => bindGuestCdTable(x, 0x20, 2, 0, 4),
    );
  };

  it("reusing a VMID without TLBI_S12_VMALL lets the new VM's DMA reach the old VM's process", () => {
    expect(dma(handOver(false), 0x20, 1)[1]).toEqual(to({ kind: "guest-process", vm: 1, guestMm: 100 }, "cache"));
  });

  it("with TLBI_S12_VMALL first, the new VM reaches its own process", () => {
    expect(dma(handOver(true), 0x20, 1)[1]).toEqual(to({ kind: "guest-process", vm: 2, guestMm: 200 }, "walk"));
  });

  it("a VMID is one VM's, and cannot be released while an STE carries it", () => {
    const s = vm1();
    expect(assignVmid(s, 2, 5)).toEqual({ ok: false, error: "smmuv3: VMID 5 belongs to vm1" });
    expect(assignVmid(s, 1, 6)).toEqual({ ok: false, error: "smmuv3: vm1 already has VMID 5" });
    expect(okState(assignVmid(s, 1, 5))).toBe(s);
    expect(releaseVmid(s, 1)).toEqual({ ok: false, error: "smmuv3: VMID 5 of vm1 is still used by the STE of stream 16" });
  });
});
