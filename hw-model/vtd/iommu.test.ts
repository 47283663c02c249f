import { describe, expect, it } from "vitest";
import type { AddressSpace, Resolution } from "../address-space.js";
import { cacheCounts, lookupDevTlb, lookupIotlb, lookupPasidCache } from "./caches.js";
import { counts, isEmpty, namedPasids } from "./inventory.js";
import {
  addDevice,
  clearPasidPresent,
  emptyIommu,
  recordPageRequest,
  removePasidEntry,
  resolveDma,
  setContextEntry,
  setPasidEntry,
  submitInvalidation,
  type IommuState,
} from "./iommu.js";
import { firstLevelEntry, nestedEntry, passThroughEntry, secondLevelEntry } from "./pasid-entry.js";
import type { VtdResult } from "./result.js";
import { applyTeardownStep, applyTeardownSteps, teardownSteps, teardownStepsFor } from "./teardown.js";

const must = <T>(r: VtdResult<T>): T => {
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

const PASID = 201;
const DID = 5;
const OLD: AddressSpace = { kind: "guest-process", vm: 1, guestMm: 7 };

/** Device "ats" has a device-TLB, device 2 has none. */
const twoDevices = (): IommuState => {
  let s = emptyIommu();
  s = must(addDevice(s, "ats", { ats: true }));
  s = must(addDevice(s, 2, { ats: false }));
  return s;
};

const translated = (r: Resolution): { space: unknown; via: string } | null =>
  r.kind === "translated" ? { space: r.space, via: r.via } : null;

describe("resolveDma: walk and caches", () => {
  it("walks, fills every cache, then hits the device-TLB", () => {
    let s = must(setPasidEntry(twoDevices(), "ats", PASID, nestedEntry(DID, 1, 7)));
    const first = resolveDma(s, "ats", PASID);
    expect(first.resolution).toEqual({ kind: "translated", space: OLD, via: "walk" });
    s = first.state;
    expect(lookupPasidCache(s.caches, "ats", PASID)).toEqual(nestedEntry(DID, 1, 7));
    expect(lookupIotlb(s.caches, DID, PASID)).toEqual(OLD);
    expect(lookupDevTlb(s.caches, "ats", PASID)).toEqual(OLD);
    const second = resolveDma(s, "ats", PASID);
    expect(second.resolution).toEqual({ kind: "translated", space: OLD, via: "cache" });
    expect(second.state).toBe(s);
  });

  it("a device without ATS fills no device-TLB and hits the IOTLB next time", () => {
    let s = must(setPasidEntry(twoDevices(), 2, PASID, secondLevelEntry(DID, { kind: "vm-physical", vm: 3 })));
    s = resolveDma(s, 2, PASID).state;
    expect(cacheCounts(s.caches)).toEqual({ pasidCache: 1, iotlb: 1, devTlb: 0, pageRequests: 0 });
    expect(translated(resolveDma(s, 2, PASID).resolution)).toEqual({ space: { kind: "vm-physical", vm: 3 }, via: "cache" });
  });

  it("PGTT decides the space: first-level, pass-through", () => {
    let s = must(setPasidEntry(twoDevices(), 2, 1, firstLevelEntry(1, { kind: "host-process", mm: 42 })));
    s = must(setPasidEntry(s, 2, 2, passThroughEntry(1)));
    expect(translated(resolveDma(s, 2, 1).resolution)).toEqual({ space: { kind: "host-process", mm: 42 }, via: "walk" });
    expect(translated(resolveDma(s, 2, 2).resolution)).toEqual({ space: { kind: "host-physical" }, via: "walk" });
  });

  it("missing structures are reported faults, logged with the address", () => {
    const s0 = twoDevices();
    const cases: ReadonlyArray<readonly [IommuState, string | number, number, string]> = [
      [s0, "nobody", 1, 'unknown device "nobody"'],
      [s0, 2, 0, 'PASID 0 is outside 1..0xFFFFF (0 means "no PASID" and has no table entry)'],
      [s0, 2, 1, "PASID directory entry 0 not present"],
      [must(setPasidEntry(s0, 2, 2, passThroughEntry(1))), 2, 1, "PASID table entry 1 (directory 0) not present"],
      [must(setContextEntry(s0, 2, { present: false, pasidEnabled: true })), 2, 1, "context entry not present"],
      [must(setContextEntry(s0, 2, { present: true, pasidEnabled: false })), 2, 1, "PASID not enabled in the context entry"],
    ];
    for (const [s, device, pasid, reason] of cases) {
      const out = resolveDma(s, device, pasid, 0x1000);
      expect(out.resolution).toEqual({ kind: "fault", reason, reported: true });
      expect(out.state.faults).toEqual([...s.faults, { device, pasid, addr: 0x1000, reason }]);
      expect(out.state.caches).toBe(s.caches);
    }
  });
});

describe("the stale-translation story", () => {
  const warmed = (): IommuState => {
    const s = must(setPasidEntry(twoDevices(), "ats", PASID, nestedEntry(DID, 1, 7)));
    return resolveDma(s, "ats", PASID).state;
  };

  it("clearing present without invalidating still translates to the old space, via the caches", () => {
    const s = must(clearPasidPresent(warmed(), "ats", PASID));
    const out = resolveDma(s, "ats", PASID);
    expect(out.resolution).toEqual({ kind: "translated", space: OLD, via: "cache" });
  });

  it("each cache alone keeps the old translation alive", () => {
    const cleared = must(clearPasidPresent(warmed(), "ats", PASID));
    const inv = (s: IommuState, kinds: ReadonlyArray<"pasid-cache" | "piotlb" | "dev-tlb">): IommuState =>
      kinds.reduce(
        (acc, k) =>
          must(
            submitInvalidation(
              acc,
              k === "dev-tlb" ? { kind: k, device: "ats", pasid: PASID } : { kind: k, did: DID, pasid: PASID },
            ),
          ),
        s,
      );
    // Only the device-TLB left: hit.
    expect(translated(resolveDma(inv(cleared, ["pasid-cache", "piotlb"]), "ats", PASID).resolution)?.space).toEqual(OLD);
    // Only the PASID cache left: the stale snapshot is used.
    expect(translated(resolveDma(inv(cleared, ["piotlb", "dev-tlb"]), "ats", PASID).resolution)).toEqual({ space: OLD, via: "cache" });
    // Only the IOTLB left: the entry is not present and not cached, so the DID is unknown: fault.
    const onlyIotlb = inv(cleared, ["pasid-cache", "dev-tlb"]);
    expect(resolveDma(onlyIotlb, "ats", PASID).resolution.kind).toBe("fault");
    expect(lookupIotlb(onlyIotlb.caches, DID, PASID)).toEqual(OLD);
    // ... until the PASID is reused with the same DID for someone else: the stale IOTLB entry wins.
    const reused = must(setPasidEntry(onlyIotlb, "ats", PASID, firstLevelEntry(DID, { kind: "host-process", mm: 99 })));
    expect(translated(resolveDma(reused, "ats", PASID).resolution)).toEqual({ space: OLD, via: "cache" });
    // All three invalidated: fault.
    const out = resolveDma(inv(cleared, ["pasid-cache", "piotlb", "dev-tlb"]), "ats", PASID);
    expect(out.resolution).toEqual({ kind: "fault", reason: "PASID entry not present", reported: true });
  });

  it("an invalidation under the wrong DID leaves the stale snapshot", () => {
    let s = must(clearPasidPresent(warmed(), "ats", PASID));
    s = must(submitInvalidation(s, { kind: "pasid-cache", did: DID + 1, pasid: PASID }));
    s = must(submitInvalidation(s, { kind: "piotlb", did: DID, pasid: PASID }));
    s = must(submitInvalidation(s, { kind: "dev-tlb", device: "ats", pasid: PASID }));
    expect(translated(resolveDma(s, "ats", PASID).resolution)).toEqual({ space: OLD, via: "cache" });
  });

  it("a rewritten entry is not seen while the old snapshot is cached", () => {
    let s = must(setPasidEntry(twoDevices(), 2, PASID, nestedEntry(DID, 1, 7)));
    s = resolveDma(s, 2, PASID).state;
    s = must(setPasidEntry(s, 2, PASID, nestedEntry(DID + 1, 2, 8)));
    expect(translated(resolveDma(s, 2, PASID).resolution)).toEqual({ space: OLD, via: "cache" });
    s = must(submitInvalidation(s, { kind: "pasid-cache", did: DID, pasid: PASID }));
    expect(translated(resolveDma(s, 2, PASID).resolution)).toEqual({
      space: { kind: "guest-process", vm: 2, guestMm: 8 },
      via: "walk",
    });
  });

  it("the IOTLB is shared by devices whose entries carry the same DID", () => {
    let s = must(setPasidEntry(twoDevices(), "ats", PASID, nestedEntry(DID, 1, 7)));
    s = resolveDma(s, "ats", PASID).state;
    s = must(setPasidEntry(s, 2, PASID, nestedEntry(DID, 1, 7)));
    expect(translated(resolveDma(s, 2, PASID).resolution)).toEqual({ space: OLD, via: "cache" });
  });
});

describe("fault processing disable", () => {
  it("a non-present entry with FPD faults silently: not reported, not logged, state unchanged", () => {
    const s = must(setPasidEntry(twoDevices(), 2, PASID, nestedEntry(DID, 1, 7, { present: false, fpd: true })));
    const out = resolveDma(s, 2, PASID, 0x2000);
    expect(out.resolution).toEqual({ kind: "fault", reason: "PASID entry not present", reported: false });
    expect(out.state).toBe(s);
    expect(out.state.faults).toEqual([]);
  });

  it("clearPresent with setFpd silences the faults; without FPD they are logged", () => {
    const base = must(setPasidEntry(twoDevices(), 2, PASID, nestedEntry(DID, 1, 7)));
    const quiet = resolveDma(must(clearPasidPresent(base, 2, PASID, true)), 2, PASID);
    expect(quiet.resolution).toMatchObject({ kind: "fault", reported: false });
    expect(quiet.state.faults).toHaveLength(0);
    const loud = resolveDma(must(clearPasidPresent(base, 2, PASID)), 2, PASID);
    expect(loud.resolution).toMatchObject({ kind: "fault", reported: true });
    expect(loud.state.faults).toHaveLength(1);
  });

  it("FPD does not silence a missing entry", () => {
    const s = must(setPasidEntry(twoDevices(), 2, PASID, nestedEntry(DID, 1, 7, { fpd: true })));
    expect(resolveDma(s, 2, PASID + 1).resolution).toMatchObject({ kind: "fault", reported: true });
  });
});

describe("teardown", () => {
  const busy = (): IommuState => {
    let s = must(setPasidEntry(twoDevices(), "ats", PASID, nestedEntry(DID, 1, 7)));
    s = resolveDma(s, "ats", PASID).state;
    s = must(recordPageRequest(s, "ats", PASID));
    return s;
  };

  it("teardownSteps is the hardware order", () => {
    expect(teardownSteps("ats", PASID, DID).map((st) => (st.kind === "invalidate" ? st.descriptor.kind : st.kind))).toEqual([
      "clear-present",
      "pasid-cache",
      "piotlb",
      "dev-tlb",
      "drain-prq",
      "remove-entry",
    ]);
    expect(must(teardownStepsFor(busy(), "ats", PASID))).toEqual(teardownSteps("ats", PASID, DID));
    expect(teardownStepsFor(busy(), "ats", PASID + 1).ok).toBe(false);
  });

  it("the full teardown leaves nothing naming the PASID and every resolution faults", () => {
    const s = must(applyTeardownSteps(busy(), must(teardownStepsFor(busy(), "ats", PASID))));
    expect(isEmpty(s)).toBe(true);
    expect(namedPasids(s)).toEqual([]);
    expect(counts(s)).toEqual({ tableEntries: 0, pasidCache: 0, iotlb: 0, devTlb: 0, pageRequests: 0 });
    expect(resolveDma(s, "ats", PASID).resolution).toMatchObject({ kind: "fault", reported: true });
  });

  it("before the last step the caches are already empty for the PASID and DMA faults quietly with FPD", () => {
    const steps = teardownSteps("ats", PASID, DID, true);
    const s = must(applyTeardownSteps(busy(), steps.slice(0, 5)));
    expect(cacheCounts(s.caches)).toEqual({ pasidCache: 0, iotlb: 0, devTlb: 0, pageRequests: 0 });
    expect(namedPasids(s).map((n) => n.where)).toEqual(["table"]);
    expect(resolveDma(s, "ats", PASID).resolution).toEqual({ kind: "fault", reason: "PASID entry not present", reported: false });
  });

  it.each([1, 2, 3, 4, 5])("skipping step %i leaves the PASID named somewhere", (skip) => {
    const steps = teardownSteps("ats", PASID, DID).filter((_, i) => i !== skip);
    const s = must(applyTeardownSteps(busy(), steps));
    expect(isEmpty(s)).toBe(false);
    expect(namedPasids(s).every((n) => n.pasid === PASID)).toBe(true);
  });

  it("skipping clear-present: the entry is still present after the invalidations, so DMA still lands", () => {
    const steps = teardownSteps("ats", PASID, DID);
    let s = busy();
    for (const st of steps.slice(1, 5)) s = must(applyTeardownStep(s, st));
    expect(translated(resolveDma(s, "ats", PASID).resolution)).toEqual({ space: OLD, via: "walk" });
  });
});

describe("namedPasids", () => {
  it("finds every place", () => {
    let s = must(setPasidEntry(twoDevices(), "ats", PASID, nestedEntry(DID, 1, 7)));
    s = must(setPasidEntry(s, 2, 9, passThroughEntry(3, { present: false })));
    s = resolveDma(s, "ats", PASID).state;
    s = must(recordPageRequest(s, "ats", PASID));
    expect(namedPasids(s)).toEqual([
      { where: "table", device: "ats", pasid: PASID, did: DID, present: true, space: OLD },
      { where: "table", device: 2, pasid: 9, did: 3, present: false, space: { kind: "host-physical" } },
      { where: "pasid-cache", device: "ats", pasid: PASID, did: DID, present: true, space: OLD },
      { where: "iotlb", device: null, pasid: PASID, did: DID, present: true, space: OLD },
      { where: "dev-tlb", device: "ats", pasid: PASID, did: null, present: true, space: OLD },
      { where: "page-request", device: "ats", pasid: PASID, did: null, present: true, space: null },
    ]);
    expect(counts(s)).toEqual({ tableEntries: 2, pasidCache: 1, iotlb: 1, devTlb: 1, pageRequests: 1 });
    expect(isEmpty(s)).toBe(false);
    s = must(removePasidEntry(s, 2, 9));
    expect(namedPasids(s).filter((n) => n.pasid === 9)).toEqual([]);
  });
});

describe("programming errors are refused, never thrown", () => {
  it("unknown devices, duplicate devices, page requests without ATS, illegal entries", () => {
    const s = twoDevices();
    expect(addDevice(s, 2, { ats: true }).ok).toBe(false);
    expect(setPasidEntry(s, "nobody", 1, passThroughEntry(1)).ok).toBe(false);
    expect(setPasidEntry(s, 2, 1, passThroughEntry(0)).ok).toBe(false);
    expect(setPasidEntry(s, 2, 0, passThroughEntry(1)).ok).toBe(false);
    expect(recordPageRequest(s, 2, 1).ok).toBe(false);
    expect(recordPageRequest(s, "ats", 0).ok).toBe(false);
    expect(submitInvalidation(s, { kind: "piotlb", did: 0, pasid: 1 }).ok).toBe(false);
    expect(isEmpty(s)).toBe(true);
  });
});
