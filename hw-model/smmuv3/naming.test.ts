/**
 * SMMUv3 naming and leak helpers: every place an SSID or ASID is named, counts, and a full
 * teardown that leaves the SMMU empty.
 */
import { describe, expect, it } from "vitest";
import type { AddressSpace } from "../address-space.js";
import {
  HOST_SCOPE,
  assignVmid,
  bindGuestCdTable,
  clearSte,
  destroyGuest,
  emptySmmu,
  guestInvalidate,
  guestWriteCd,
  hostClearCd,
  hostWriteCd,
  isSmmuEmpty,
  issueCommand,
  namedSsids,
  placesReaching,
  releaseVmid,
  smmuCounts,
  writeSte,
} from "./index.js";
import { dma, run } from "./test-support.js";

const mm7: AddressSpace = { kind: "host-process", mm: 7 };
const g100: AddressSpace = { kind: "guest-process", vm: 1, guestMm: 100 };

/** Host stream 3 (s1, SSID 1 -> mm7) and VM 1's stream 0x10 (nested, SSID 1 -> guest mm 100), both resolved. */
const busy = () => {
  let s = run(
    emptySmmu(),
    (x) => writeSte(x, 3, { config: "s1", table: 0, s1CdMax: 4 }),
    (x) => hostWriteCd(x, 0, 1, { valid: true, asid: 5, ttb: mm7 }),
    (x) => assignVmid(x, 1, 11),
    (x) => guestWriteCd(x, 1, 0, 1, { valid: true, asid: 3, guestMm: 100 }),
    (x) => bindGuestCdTable(x, 0x10, 1, 0, 4),
  );
  s = dma(s, 3, 1)[0];
  s = dma(s, 0x10, 1)[0];
  return run(s, (x) => guestInvalidate(x, 1, { op: "CMD_TLBI_NH_ASID", asid: 3 }));
};

describe("naming", () => {
  it("lists CDs, cached CDs, TLB entries and queued guest commands", () => {
    expect(namedSsids(busy())).toEqual([
      { where: "cd", owner: { kind: "host" }, table: 0, ssid: 1, asid: 5, valid: true, space: mm7 },
      { where: "cd", owner: { kind: "vm", vm: 1 }, table: 0, ssid: 1, asid: 3, valid: true, space: g100 },
      { where: "cd-cache", streamId: 3, ssid: 1, asid: 5, space: mm7 },
      { where: "cd-cache", streamId: 0x10, ssid: 1, asid: 3, space: g100 },
      { where: "tlb", scope: HOST_SCOPE, asid: 5, space: mm7 },
      { where: "tlb", scope: { kind: "vmid", vmid: 11 }, asid: 3, space: g100 },
      { where: "guest-queue", vm: 1, command: { op: "CMD_TLBI_NH_ASID", asid: 3 } },
    ]);
  });

  it("finds what still reaches an address space", () => {
    const s = run(busy(), (x) => hostClearCd(x, 0, 1));
    expect(placesReaching(s, mm7).map((p) => p.where)).toEqual(["cd-cache", "tlb"]);
    expect(placesReaching(s, { kind: "host-process", mm: 9 })).toEqual([]);
  });

  it("counts everything, and a full teardown leaves the SMMU empty", () => {
    let s = busy();
    expect(smmuCounts(s)).toEqual({
      stes: 2,
      cdTables: 2,
      cds: 2,
      vmids: 1,
      cachedStes: 2,
      cachedCds: 2,
      tlbEntries: 2,
      queuedGuestCommands: 1,
    });
    expect(isSmmuEmpty(s)).toBe(false);
    s = run(
      s,
      (x) => clearSte(x, 3),
      (x) => clearSte(x, 0x10),
      (x) => hostClearCd(x, 0, 1),
      (x) => issueCommand(x, { op: "CMD_CFGI_STE", streamId: 3 }),
      (x) => issueCommand(x, { op: "CMD_CFGI_STE", streamId: 0x10 }),
      (x) => issueCommand(x, { op: "CMD_TLBI_NH_ASID", scope: HOST_SCOPE, asid: 5 }),
      (x) => issueCommand(x, { op: "CMD_TLBI_S12_VMALL", vmid: 11 }),
      (x) => destroyGuest(x, 1),
    );
    expect(isSmmuEmpty(s)).toBe(false); // the VMID is still held
    s = run(s, (x) => releaseVmid(x, 1));
    expect(isSmmuEmpty(s)).toBe(true);
    expect(namedSsids(s)).toEqual([]);
  });
});
