/**
 * Guest invalidations on the vSMMU: stale until the VMM propagates them.
 */
import { describe, expect, it } from "vitest";
import type { AddressSpace } from "../address-space.js";
import {
  assignVmid,
  bindGuestCdTable,
  discardGuestQueue,
  emptySmmu,
  guestClearCd,
  guestInvalidate,
  guestQueue,
  guestWriteCd,
  propagate,
  writeSte,
} from "./index.js";
import type { SmmuState } from "./index.js";
import { dma, faultReason, okState, run, to } from "./test-support.js";

const p100: AddressSpace = { kind: "guest-process", vm: 1, guestMm: 100 };

/** VM 1 (VMID 11): SSID 1 -> ASID 3 -> guest mm 100 on stream 0x10; resolved once. */
const guest = (): SmmuState => {
  const s = run(
    emptySmmu(),
    (x) => assignVmid(x, 1, 11),
    (x) => guestWriteCd(x, 1, 0, 1, { valid: true, asid: 3, guestMm: 100 }),
    (x) => bindGuestCdTable(x, 0x10, 1, 0, 4),
  );
  return dma(s, 0x10, 1)[0];
};

/** The state of a successful propagation. */
const propagated = (s: SmmuState, vm: number): SmmuState => {
  const r = propagate(s, vm);
  return r.ok ? r.state : expect.unreachable(r.error);
};

/** The guest tears SSID 1 down and invalidates on its vSMMU. */
const guestTearsDown = (s: SmmuState): SmmuState =>
  run(
    s,
    (x) => guestClearCd(x, 1, 0, 1),
    (x) => guestInvalidate(x, 1, { op: "CMD_CFGI_CD", streamId: 0x10, ssid: 1 }),
    (x) => guestInvalidate(x, 1, { op: "CMD_TLBI_NH_ASID", asid: 3 }),
  );

describe("guest invalidations", () => {
  it("not propagated: the physical SMMU keeps translating to the torn-down process", () => {
    const s = guestTearsDown(guest());
    expect(guestQueue(s, 1)).toHaveLength(2);
    expect(dma(s, 0x10, 1)[1]).toEqual(to(p100, "cache"));
  });

  it("propagated: the DMA faults", () => {
    const s = propagated(guestTearsDown(guest()), 1);
    expect(guestQueue(s, 1)).toEqual([]);
    expect(faultReason(dma(s, 0x10, 1)[1])).toContain("C_BAD_CD");
  });

  it("propagated after a rewrite: the new process is reached", () => {
    const s = run(
      guest(),
      (x) => guestWriteCd(x, 1, 0, 1, { valid: true, asid: 3, guestMm: 101 }),
      (x) => guestInvalidate(x, 1, { op: "CMD_CFGI_CD", streamId: 0x10, ssid: 1 }),
      (x) => guestInvalidate(x, 1, { op: "CMD_TLBI_NH_ASID", asid: 3 }),
    );
    expect(dma(s, 0x10, 1)[1]).toEqual(to(p100, "cache"));
    expect(dma(propagated(s, 1), 0x10, 1)[1]).toEqual(to({ kind: "guest-process", vm: 1, guestMm: 101 }, "cache"));
  });

  it("a discarded queue is never applied", () => {
    const s = okState(discardGuestQueue(guestTearsDown(guest()), 1));
    expect(guestQueue(s, 1)).toEqual([]);
    expect(dma(propagated(s, 1), 0x10, 1)[1]).toEqual(to(p100, "cache"));
  });

  it("the VMM adds the VMID and forwards only the VM's own streams", () => {
    const s = run(
      guest(),
      (x) => assignVmid(x, 2, 12),
      (x) => writeSte(x, 0x20, { config: "s2", vm: 2 }),
      (x) => guestInvalidate(x, 1, { op: "CMD_TLBI_NH_ASID", asid: 3 }),
      (x) => guestInvalidate(x, 1, { op: "CMD_CFGI_STE", streamId: 0x20 }),
      (x) => guestInvalidate(x, 1, { op: "CMD_CFGI_CD", streamId: 0x20, ssid: 1 }),
      (x) => guestInvalidate(x, 1, { op: "CMD_CFGI_CD", streamId: 0x10, ssid: 1 }),
      (x) => guestInvalidate(x, 1, { op: "CMD_CFGI_STE", streamId: 0x10 }),
      (x) => guestInvalidate(x, 3, { op: "CMD_TLBI_NH_ASID", asid: 3 }),
    );
    const r = propagate(s, 1);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.applied).toEqual([
      { op: "CMD_TLBI_NH_ASID", scope: { kind: "vmid", vmid: 11 }, asid: 3 },
      { op: "CMD_CFGI_CD", streamId: 0x10, ssid: 1 },
      { op: "CMD_CFGI_STE", streamId: 0x10 },
    ]);
    expect(r.ignored).toEqual([
      { command: { op: "CMD_CFGI_STE", streamId: 0x20 }, reason: "stream 32 does not carry vm1's stage 2" },
      { command: { op: "CMD_CFGI_CD", streamId: 0x20, ssid: 1 }, reason: "stream 32 does not carry vm1's stage 2" },
    ]);
    expect(guestQueue(r.state, 3)).toHaveLength(1); // another VM's queue is untouched
    const r3 = propagate(r.state, 3);
    expect(r3.ok && r3.ignored.map((i) => i.reason)).toEqual(["vm3 has no VMID"]);
  });

  it("one guest's TLBI does not drop another guest's entry with the same ASID", () => {
    let s = run(
      guest(),
      (x) => assignVmid(x, 2, 12),
      (x) => guestWriteCd(x, 2, 0, 1, { valid: true, asid: 3, guestMm: 200 }),
      (x) => bindGuestCdTable(x, 0x20, 2, 0, 4),
    );
    s = dma(s, 0x20, 1)[0];
    s = propagated(run(s, (x) => guestInvalidate(x, 1, { op: "CMD_TLBI_NH_ASID", asid: 3 })), 1);
    expect([...s.tlb.values()].map((e) => e.scope)).toEqual([{ kind: "vmid", vmid: 12 }]);
  });

  it("refuses malformed guest commands", () => {
    expect(guestInvalidate(emptySmmu(), 1, { op: "CMD_TLBI_NH_ASID", asid: -1 }).ok).toBe(false);
    expect(guestInvalidate(emptySmmu(), -2, { op: "CMD_CFGI_STE", streamId: 1 })).toEqual({
      ok: false,
      error: "smmuv3: VM id -2 is not a non-negative integer",
    });
  });
});
