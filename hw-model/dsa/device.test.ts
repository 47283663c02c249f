/**
 * DSA device: creation, dedicated vs shared submission, completion, drain and abort.
 */
import { describe, expect, it } from "vitest";
import {
  abortPasid,
  clearWqPasid,
  completeDescriptor,
  configureDedicated,
  configureShared,
  createDsaDevice,
  drainPasid,
  submitDescriptor,
} from "./index.js";
import { device, errorOf, okOf } from "./test-support.js";

describe("creation", () => {
  it("makes n unconfigured host-owned WQs and nothing in flight", () => {
    const dev = device(0x1a00, 4);
    expect([...dev.wqs.keys()]).toEqual([0, 1, 2, 3]);
    for (const q of dev.wqs.values()) {
      expect(q.mode).toEqual({ kind: "unconfigured" });
      expect(q.owner).toEqual({ kind: "host" });
    }
    expect(dev.inFlight.size).toBe(0);
  });

  it.each([[-1, 2], [1.5, 2], [1, 0], [1, 65], [1, Number.NaN]])("refuses device %s with %s WQs", (id, n) => {
    expect(errorOf(createDsaDevice(id, n))).toMatch(/^dsa: /);
  });
});

describe("dedicated WQ", () => {
  it("submits with the configured PASID and ignores the payload PASID", () => {
    let dev = device(7, 2);
    dev = okOf(configureDedicated(dev, 0, { pasid: 201, pasidEnabled: true, privileged: false })).dev;
    const s = okOf(submitDescriptor(dev, { wq: 0, pasid: 999 }));
    expect(s.request).toEqual({ device: 7, pasid: 201 });
    expect(s.descriptor).toEqual({ id: 1, wq: 0, pasid: 201, owner: { kind: "host" } });
    expect([...s.dev.inFlight.values()]).toEqual([s.descriptor]);
    expect(dev.inFlight.size).toBe(0); // the input device is unchanged
  });

  it("fails when the PASID is disabled or cleared", () => {
    let dev = device(7, 1);
    dev = okOf(configureDedicated(dev, 0, { pasid: 201, pasidEnabled: false, privileged: false })).dev;
    expect(errorOf(submitDescriptor(dev, { wq: 0 }))).toContain("disabled");
    dev = okOf(configureDedicated(dev, 0, { pasid: 201, pasidEnabled: true, privileged: true })).dev;
    dev = okOf(clearWqPasid(dev, 0)).dev;
    expect(dev.wqs.get(0)?.mode).toEqual({ kind: "dedicated", config: null });
    expect(errorOf(submitDescriptor(dev, { wq: 0 }))).toContain("no PASID configured");
  });

  it("refuses a configuration with a PASID out of range", () => {
    const dev = device(7, 1);
    expect(errorOf(configureDedicated(dev, 0, { pasid: 0, pasidEnabled: true, privileged: false }))).toContain("WQ 0 PASID 0");
    expect(errorOf(configureDedicated(dev, 0, { pasid: 0x100000, pasidEnabled: true, privileged: false }))).toContain("not a PASID");
  });
});

describe("shared WQ", () => {
  it("takes the PASID from each ENQCMD payload", () => {
    let dev = okOf(configureShared(device(3, 1), 0)).dev;
    const a = okOf(submitDescriptor(dev, { wq: 0, pasid: 11 }));
    dev = a.dev;
    const b = okOf(submitDescriptor(dev, { wq: 0, pasid: 12 }));
    expect(a.request).toEqual({ device: 3, pasid: 11 });
    expect(b.request).toEqual({ device: 3, pasid: 12 });
    expect([...b.dev.inFlight.values()].map((d) => [d.id, d.pasid])).toEqual([[1, 11], [2, 12]]);
  });

  it("refuses a missing or out-of-range payload PASID", () => {
    const dev = okOf(configureShared(device(3, 1), 0)).dev;
    expect(errorOf(submitDescriptor(dev, { wq: 0 }))).toContain("needs the ENQCMD payload PASID");
    expect(errorOf(submitDescriptor(dev, { wq: 0, pasid: 0 }))).toContain("not a PASID");
  });

  it("has no PASID configuration to clear", () => {
    const dev = okOf(configureShared(device(3, 1), 0)).dev;
    expect(okOf(clearWqPasid(dev, 0)).dev).toBe(dev);
  });
});

describe("refusals name the WQ", () => {
  it("unconfigured or missing WQ", () => {
    const dev = device(1, 2);
    expect(errorOf(submitDescriptor(dev, { wq: 1 }))).toBe("dsa: WQ 1 is not configured");
    expect(errorOf(submitDescriptor(dev, { wq: 2 }))).toBe("dsa: device 1 has no WQ 2 (WQs are 0..1)");
    expect(errorOf(configureShared(dev, -1))).toContain("no WQ -1");
  });
});

describe("completion, drain and abort", () => {
  /** Shared WQ 0 and dedicated WQ 1 (PASID 5); in flight: 5, 6, 5 (shared), 5 (dedicated). */
  const busy = () => {
    let dev = okOf(configureShared(device(9, 2), 0)).dev;
    dev = okOf(configureDedicated(dev, 1, { pasid: 5, pasidEnabled: true, privileged: false })).dev;
    for (const s of [{ wq: 0, pasid: 5 }, { wq: 0, pasid: 6 }, { wq: 0, pasid: 5 }, { wq: 1 }]) {
      dev = okOf(submitDescriptor(dev, s)).dev;
    }
    return dev;
  };

  it("completes one descriptor by id and refuses an unknown one", () => {
    const dev = busy();
    const e = okOf(completeDescriptor(dev, 2));
    expect(e.removed.map((d) => d.pasid)).toEqual([6]);
    expect([...e.dev.inFlight.keys()]).toEqual([1, 3, 4]);
    expect(errorOf(completeDescriptor(e.dev, 2))).toContain("no descriptor 2");
  });

  it("drain PASID completes every descriptor with it, on every WQ", () => {
    const e = okOf(drainPasid(busy(), 5));
    expect(e.how).toBe("completed");
    expect(e.removed.map((d) => [d.id, d.wq])).toEqual([[1, 0], [3, 0], [4, 1]]);
    expect([...e.dev.inFlight.values()].map((d) => d.pasid)).toEqual([6]);
    // the dedicated WQ's configuration is untouched
    expect(e.dev.wqs.get(1)?.mode).toEqual({ kind: "dedicated", config: { pasid: 5, pasidEnabled: true, privileged: false } });
  });

  it("abort PASID drops them", () => {
    const e = okOf(abortPasid(busy(), 6));
    expect(e.how).toBe("aborted");
    expect(e.removed.map((d) => d.id)).toEqual([2]);
    expect([...e.dev.inFlight.values()].map((d) => d.pasid)).toEqual([5, 5, 5]);
  });

  it("returns the same device when nothing carries the PASID, refuses a bad PASID", () => {
    const dev = busy();
    expect(okOf(drainPasid(dev, 77)).dev).toBe(dev);
    expect(errorOf(abortPasid(dev, 0))).toContain("PASID 0");
  });

  it("descriptors keep the PASID they were submitted with after the WQ is reconfigured", () => {
    let dev = okOf(configureDedicated(device(1, 1), 0, { pasid: 40, pasidEnabled: true, privileged: false })).dev;
    dev = okOf(submitDescriptor(dev, { wq: 0 })).dev;
    dev = okOf(configureDedicated(dev, 0, { pasid: 41, pasidEnabled: true, privileged: false })).dev;
    dev = okOf(submitDescriptor(dev, { wq: 0 })).dev;
    expect([...dev.inFlight.values()].map((d) => d.pasid)).toEqual([40, 41]);
  });
});
