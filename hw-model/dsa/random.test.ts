/**
 * Property: over random configure / clear / submit / complete / drain / abort / assign
 * sequences, the PASID listing matches what was done, and after a teardown of PASID p
 * (clear every WQ configuration naming p, then drain or abort p) nothing on the device names p.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DsaDevice, DsaError } from "./index.js";
import {
  abortPasid,
  assignWq,
  clearWqPasid,
  completeDescriptor,
  configureDedicated,
  configureShared,
  drainPasid,
  namedPasids,
  namesPasid,
  submitDescriptor,
  unassignWq,
} from "./index.js";
import { device } from "./test-support.js";

const WQS = 3;
const wq = fc.integer({ min: 0, max: WQS - 1 });
const pasid = fc.integer({ min: 1, max: 2 });
const op = fc.oneof(
  fc.record({ kind: fc.constant<"dedicated">("dedicated"), wq, pasid, enabled: fc.boolean() }),
  fc.record({ kind: fc.constant<"shared">("shared"), wq }),
  fc.record({ kind: fc.constant<"submit">("submit"), wq, pasid }),
  fc.record({ kind: fc.constant<"submit">("submit"), wq, pasid }),
  fc.record({ kind: fc.constant<"clear">("clear"), wq }),
  fc.record({ kind: fc.constant<"submit">("submit"), wq, pasid }),
  fc.record({ kind: fc.constant<"complete">("complete"), id: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant<"drain">("drain"), pasid }),
  fc.record({ kind: fc.constant<"abort">("abort"), pasid }),
  fc.record({ kind: fc.constant<"assign">("assign"), wq, vm: fc.integer({ min: 1, max: 2 }) }),
  fc.record({ kind: fc.constant<"unassign">("unassign"), wq }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

/** Run one op. */
const run = (dev: DsaDevice, o: Op): { readonly ok: true; readonly dev: DsaDevice } | DsaError => {
  switch (o.kind) {
    case "dedicated": return configureDedicated(dev, o.wq, { pasid: o.pasid, pasidEnabled: o.enabled, privileged: false });
    case "shared": return configureShared(dev, o.wq);
    case "clear": return clearWqPasid(dev, o.wq);
    case "submit": return submitDescriptor(dev, { wq: o.wq, pasid: o.pasid });
    case "complete": return completeDescriptor(dev, o.id);
    case "drain": return drainPasid(dev, o.pasid);
    case "abort": return abortPasid(dev, o.pasid);
    case "assign": return assignWq(dev, o.wq, o.vm, 0);
    case "unassign": return unassignWq(dev, o.wq);
  }
};

/** Apply one op; a refusal leaves the device as it was. */
const apply = (dev: DsaDevice, o: Op): DsaDevice => {
  const r = run(dev, o);
  return r.ok ? r.dev : dev;
};

describe("random DSA sequences", () => {
  it("list exactly the configured and in-flight PASIDs; a teardown of p leaves nothing naming p", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40, size: "max" }), pasid, fc.boolean(), (ops, p, drain) => {
        let dev = device(1, WQS);
        for (const o of ops) dev = apply(dev, o);

        const places = namedPasids(dev);
        expect(places.filter((x) => x.kind === "in-flight").length).toBe(dev.inFlight.size);
        for (const q of dev.wqs.values()) {
          const configured = q.mode.kind === "dedicated" && q.mode.config !== null;
          expect(places.some((x) => x.kind === "wq-config" && x.wq === q.id)).toBe(configured);
        }
        for (const q of [1, 2, 3]) expect(namesPasid(dev, q)).toBe(places.some((x) => x.pasid === q));
        for (const d of dev.inFlight.values()) {
          expect(namesPasid(dev, d.pasid)).toBe(true);
          expect(d.owner).toEqual(places.find((x) => x.kind === "in-flight" && x.descriptor === d.id)?.owner);
        }

        for (const q of dev.wqs.values()) {
          if (q.mode.kind === "dedicated" && q.mode.config?.pasid === p) dev = apply(dev, { kind: "clear", wq: q.id });
        }
        dev = apply(dev, drain ? { kind: "drain", pasid: p } : { kind: "abort", pasid: p });
        expect(namesPasid(dev, p)).toBe(false);
        expect(namedPasids(dev).some((x) => x.pasid === p)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
