import { describe, expect, it } from "vitest";
import type { AddressSpace } from "../address-space.js";
import {
  addPageRequest,
  cacheCounts,
  cachesEmpty,
  emptyCaches,
  fillDevTlb,
  fillIotlb,
  fillPasidCache,
  lookupDevTlb,
  lookupIotlb,
  lookupPasidCache,
  submit,
  type InvalidationDescriptor,
  type VtdCaches,
} from "./caches.js";
import { nestedEntry } from "./pasid-entry.js";
import type { VtdResult } from "./result.js";

const must = <T>(r: VtdResult<T>): T => {
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

const space: AddressSpace = { kind: "guest-process", vm: 1, guestMm: 7 };

const full = (): VtdCaches => {
  let c = emptyCaches();
  c = fillPasidCache(c, "a", 10, nestedEntry(5, 1, 7));
  c = fillPasidCache(c, "b", 10, nestedEntry(5, 1, 7));
  c = fillPasidCache(c, "c", 10, nestedEntry(6, 1, 7));
  c = fillIotlb(c, 5, 10, space);
  c = fillIotlb(c, 6, 10, space);
  c = fillDevTlb(c, "a", 10, space);
  c = fillDevTlb(c, "a", 11, space);
  c = addPageRequest(c, "a", 10);
  c = addPageRequest(c, "a", 11);
  return c;
};

describe("caches", () => {
  it("fills and counts", () => {
    expect(cacheCounts(full())).toEqual({ pasidCache: 3, iotlb: 2, devTlb: 2, pageRequests: 2 });
    expect(cachesEmpty(emptyCaches())).toBe(true);
    expect(cachesEmpty(full())).toBe(false);
  });

  it("pasid-cache invalidation drops every device's snapshot with that DID and PASID, and only those", () => {
    const c = must(submit(full(), { kind: "pasid-cache", did: 5, pasid: 10 }));
    expect(lookupPasidCache(c, "a", 10)).toBeNull();
    expect(lookupPasidCache(c, "b", 10)).toBeNull();
    expect(lookupPasidCache(c, "c", 10)).toEqual(nestedEntry(6, 1, 7));
    expect(cacheCounts(c)).toEqual({ pasidCache: 1, iotlb: 2, devTlb: 2, pageRequests: 2 });
  });

  it("piotlb invalidation drops (DID, PASID) only", () => {
    const c = must(submit(full(), { kind: "piotlb", did: 5, pasid: 10 }));
    expect(lookupIotlb(c, 5, 10)).toBeNull();
    expect(lookupIotlb(c, 6, 10)).toEqual(space);
    expect(cacheCounts(c).iotlb).toBe(1);
  });

  it("dev-tlb invalidation drops (device, PASID) only", () => {
    const c = must(submit(full(), { kind: "dev-tlb", device: "a", pasid: 10 }));
    expect(lookupDevTlb(c, "a", 10)).toBeNull();
    expect(lookupDevTlb(c, "a", 11)).toEqual(space);
  });

  it("drain-prq drops the page requests of (device, PASID) only", () => {
    const c = must(submit(full(), { kind: "drain-prq", device: "a", pasid: 10 }));
    expect(c.pageRequests).toEqual([{ device: "a", pasid: 11 }]);
  });

  it("an invalidation that matches nothing returns the same caches", () => {
    const c = full();
    expect(must(submit(c, { kind: "pasid-cache", did: 9, pasid: 10 }))).toBe(c);
    expect(must(submit(c, { kind: "piotlb", did: 5, pasid: 12 }))).toBe(c);
    expect(must(submit(c, { kind: "dev-tlb", device: "b", pasid: 10 }))).toBe(c);
    expect(must(submit(c, { kind: "drain-prq", device: 1, pasid: 10 }))).toBe(c);
  });

  it("device 1 and device \"1\" are different", () => {
    const c = fillDevTlb(emptyCaches(), 1, 10, space);
    expect(lookupDevTlb(c, "1", 10)).toBeNull();
    expect(lookupDevTlb(c, 1, 10)).toEqual(space);
  });

  it("malformed descriptors are refused", () => {
    const c = full();
    const bad = [
      submit(c, { kind: "pasid-cache", did: 0, pasid: 10 }),
      submit(c, { kind: "piotlb", did: 0x10000, pasid: 10 }),
      submit(c, { kind: "dev-tlb", device: "a", pasid: 0 }),
      submit(c, { kind: "drain-prq", device: "a", pasid: 0x100000 }),
    ];
    expect(bad.map((r) => r.ok)).toEqual([false, false, false, false]);
    const first = bad[0];
    if (first !== undefined && !first.ok) expect(first.error).toBe("pasid-cache invalidation: domain ID 0 is outside 1..0xFFFF (0 is reserved)");
  });

  it("invalidating everything empties the caches", () => {
    let c = full();
    const all: readonly InvalidationDescriptor[] = [
      { kind: "pasid-cache", did: 5, pasid: 10 },
      { kind: "pasid-cache", did: 6, pasid: 10 },
      { kind: "piotlb", did: 5, pasid: 10 },
      { kind: "piotlb", did: 6, pasid: 10 },
      { kind: "dev-tlb", device: "a", pasid: 10 },
      { kind: "dev-tlb", device: "a", pasid: 11 },
      { kind: "drain-prq", device: "a", pasid: 10 },
      { kind: "drain-prq", device: "a", pasid: 11 },
    ];
    for (const d of all) c = must(submit(c, d));
    expect(cachesEmpty(c)).toBe(true);
    expect(c).toEqual(emptyCaches());
  });
});
