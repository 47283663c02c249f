import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sameAddressSpace, type AddressSpace } from "../address-space.js";
import type { InvalidationDescriptor } from "./caches.js";
import type { DeviceId } from "./ids.js";
import { isEmpty, namedPasids } from "./inventory.js";
import {
  addDevice,
  clearPasidPresent,
  emptyIommu,
  recordPageRequest,
  removePasidEntry,
  resolveDma,
  setPasidEntry,
  submitInvalidation,
  type IommuState,
} from "./iommu.js";
import { entrySpace, firstLevelEntry, nestedEntry, passThroughEntry, secondLevelEntry, type PasidEntry } from "./pasid-entry.js";
import { lookup } from "./pasid-table.js";
import type { VtdResult } from "./result.js";
import { applyTeardownSteps, teardownStepsFor } from "./teardown.js";

const must = <T>(r: VtdResult<T>): T => {
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

const DEVICES: readonly DeviceId[] = ["ats", 7];
const PASIDS: readonly number[] = [1, 63, 64, 0xfffff];
const DIDS: readonly number[] = [1, 2];

type Cmd =
  | { readonly op: "set"; readonly device: DeviceId; readonly pasid: number; readonly entry: PasidEntry }
  | { readonly op: "clear"; readonly device: DeviceId; readonly pasid: number; readonly setFpd: boolean }
  | { readonly op: "remove"; readonly device: DeviceId; readonly pasid: number }
  | { readonly op: "invalidate"; readonly descriptor: InvalidationDescriptor }
  | { readonly op: "resolve"; readonly device: DeviceId; readonly pasid: number }
  | { readonly op: "page-request"; readonly device: DeviceId; readonly pasid: number };

const device = fc.constantFrom(...DEVICES);
// 0 is included: every operation must refuse it without harm.
const pasid = fc.constantFrom(0, ...PASIDS);
const did = fc.constantFrom(...DIDS);
const small = fc.integer({ min: 1, max: 3 });
const opts = fc.record({ present: fc.boolean(), fpd: fc.boolean() });

const entry: fc.Arbitrary<PasidEntry> = fc.oneof(
  fc.tuple(did, small, small, opts).map(([d, vm, mm, o]) => nestedEntry(d, vm, mm, o)),
  fc.tuple(did, small, opts).map(([d, mm, o]) => firstLevelEntry(d, { kind: "host-process", mm }, o)),
  fc.tuple(did, small, opts).map(([d, vm, o]) => secondLevelEntry(d, { kind: "vm-physical", vm }, o)),
  fc.tuple(did, opts).map(([d, o]) => passThroughEntry(d, o)),
);

const descriptor: fc.Arbitrary<InvalidationDescriptor> = fc.oneof(
  fc.record({ kind: fc.constant<"pasid-cache">("pasid-cache"), did, pasid }),
  fc.record({ kind: fc.constant<"piotlb">("piotlb"), did, pasid }),
  fc.record({ kind: fc.constant<"dev-tlb">("dev-tlb"), device, pasid }),
  fc.record({ kind: fc.constant<"drain-prq">("drain-prq"), device, pasid }),
);

const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant<"set">("set"), device, pasid, entry }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant<"clear">("clear"), device, pasid, setFpd: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant<"remove">("remove"), device, pasid }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant<"invalidate">("invalidate"), descriptor }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant<"resolve">("resolve"), device, pasid }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant<"page-request">("page-request"), device, pasid }) },
);

const start = (): IommuState => must(addDevice(must(addDevice(emptyIommu(), "ats", { ats: true })), 7, { ats: false }));

/** Apply one command; a refused command keeps the state. */
const apply = (s: IommuState, c: Cmd): IommuState => {
  const keep = (r: VtdResult<IommuState>): IommuState => (r.ok ? r.value : s);
  switch (c.op) {
    case "set":
      return keep(setPasidEntry(s, c.device, c.pasid, c.entry));
    case "clear":
      return keep(clearPasidPresent(s, c.device, c.pasid, c.setFpd));
    case "remove":
      return keep(removePasidEntry(s, c.device, c.pasid));
    case "invalidate":
      return keep(submitInvalidation(s, c.descriptor));
    case "resolve":
      return resolveDma(s, c.device, c.pasid).state;
    case "page-request":
      return keep(recordPageRequest(s, c.device, c.pasid));
  }
};

const key = (d: DeviceId, p: number): string => `${typeof d}:${String(d)}:${p}`;

/** Tear `p` down on `d` with every invalidation that could concern it, whatever DID was used. */
const fullTeardown = (s0: IommuState, d: DeviceId, p: number): IommuState => {
  let s = s0;
  const steps = teardownStepsFor(s, d, p);
  if (steps.ok) s = must(applyTeardownSteps(s, steps.value));
  for (const x of DIDS) {
    s = must(submitInvalidation(s, { kind: "pasid-cache", did: x, pasid: p }));
    s = must(submitInvalidation(s, { kind: "piotlb", did: x, pasid: p }));
  }
  s = must(submitInvalidation(s, { kind: "dev-tlb", device: d, pasid: p }));
  return must(submitInvalidation(s, { kind: "drain-prq", device: d, pasid: p }));
};

describe("VT-d model properties", () => {
  it("resolve only reaches spaces of present entries once set for that PASID, on a device that had one", () => {
    fc.assert(
      fc.property(fc.array(cmd, { maxLength: 40 }), (cmds) => {
        let s = start();
        const everPresent = new Set<string>();
        const spaces = new Map<number, AddressSpace[]>();
        for (const c of cmds) {
          if (c.op === "set" && c.entry.present && c.pasid !== 0) {
            everPresent.add(key(c.device, c.pasid));
            const sp = entrySpace(c.entry);
            if (sp !== null) spaces.set(c.pasid, [...(spaces.get(c.pasid) ?? []), sp]);
          }
          if (c.op === "resolve") {
            const before = structuredClone(s);
            const out = resolveDma(s, c.device, c.pasid);
            expect(s).toEqual(before); // pure: the input is untouched
            const r = out.resolution;
            if (r.kind === "translated") {
              expect(everPresent.has(key(c.device, c.pasid))).toBe(true);
              expect((spaces.get(c.pasid) ?? []).some((x) => sameAddressSpace(x, r.space))).toBe(true);
            } else {
              expect(out.state.faults.length).toBe(s.faults.length + (r.reported ? 1 : 0));
            }
            s = out.state;
          } else s = apply(s, c);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("after a full teardown and every invalidation, every resolution of that PASID on that device faults", () => {
    fc.assert(
      fc.property(fc.array(cmd, { maxLength: 40 }), (cmds) => {
        const before = cmds.reduce(apply, start());
        for (const d of DEVICES) {
          for (const p of PASIDS) {
            let s = fullTeardown(before, d, p);
            const dev = s.devices.get(d);
            expect(dev === undefined ? null : must(lookup(dev.tables, p))).toBeNull();
            expect(namedPasids(s).filter((n) => n.pasid === p && (n.device === d || n.device === null))).toEqual([]);
            for (let i = 0; i < 2; i++) {
              const out = resolveDma(s, d, p);
              expect(out.resolution.kind).toBe("fault");
              s = out.state;
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("tearing every PASID down on every device empties the unit", () => {
    fc.assert(
      fc.property(fc.array(cmd, { maxLength: 40 }), (cmds) => {
        let s = cmds.reduce(apply, start());
        for (const d of DEVICES) for (const p of PASIDS) s = fullTeardown(s, d, p);
        expect(namedPasids(s)).toEqual([]);
        expect(isEmpty(s)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
