/**
 * DSA mdev assignment and the listing of every place a PASID is named.
 */
import { describe, expect, it } from "vitest";
import type { WqOwner } from "./index.js";
import {
  HOST,
  abortPasid,
  assignWq,
  clearWqPasid,
  configureDedicated,
  configureShared,
  dsaCounts,
  isQuiet,
  namedPasids,
  namesPasid,
  ownersNaming,
  submitDescriptor,
  unassignWq,
  wqsOwnedBy,
} from "./index.js";
import { device, errorOf, okOf } from "./test-support.js";

const vm1: WqOwner = { kind: "mdev", vm: 1, mdev: 0 };
const vm2: WqOwner = { kind: "mdev", vm: 2, mdev: 0 };

describe("mdev assignment", () => {
  it("assigns host WQs to mdevs of different VMs and back", () => {
    let dev = device(5, 3);
    dev = okOf(assignWq(dev, 0, 1, 0)).dev;
    dev = okOf(assignWq(dev, 1, 2, 0)).dev;
    expect(wqsOwnedBy(dev, vm1).map((q) => q.id)).toEqual([0]);
    expect(wqsOwnedBy(dev, vm2).map((q) => q.id)).toEqual([1]);
    expect(wqsOwnedBy(dev, HOST).map((q) => q.id)).toEqual([2]);

    dev = okOf(unassignWq(dev, 0)).dev;
    expect(wqsOwnedBy(dev, vm1)).toEqual([]);
    expect(wqsOwnedBy(dev, HOST).map((q) => q.id)).toEqual([0, 2]);
  });

  it("refuses to move a WQ from one mdev to another without unassigning", () => {
    const dev = okOf(assignWq(device(5, 1), 0, 1, 0)).dev;
    expect(errorOf(assignWq(dev, 0, 2, 0))).toBe("dsa: WQ 0 is assigned to vm1/mdev0; unassign it first");
    expect(okOf(assignWq(dev, 0, 1, 0)).dev).toBe(dev);
    expect(errorOf(assignWq(dev, 0, -1, 0))).toContain("VM id -1");
  });

  it("every mdev's DMA carries the same device id", () => {
    let dev = device(0x42, 2);
    dev = okOf(assignWq(dev, 0, 1, 0)).dev;
    dev = okOf(assignWq(dev, 1, 2, 0)).dev;
    dev = okOf(configureShared(dev, 0)).dev;
    dev = okOf(configureShared(dev, 1)).dev;
    const a = okOf(submitDescriptor(dev, { wq: 0, pasid: 201 }));
    const b = okOf(submitDescriptor(a.dev, { wq: 1, pasid: 202 }));
    expect(a.request.device).toBe(0x42);
    expect(b.request.device).toBe(0x42);
    expect(a.descriptor.owner).toEqual(vm1);
    expect(b.descriptor.owner).toEqual(vm2);
  });
});

describe("PASID naming", () => {
  it("lists WQ configurations and in-flight descriptors with their owners", () => {
    let dev = device(5, 3);
    dev = okOf(assignWq(dev, 0, 1, 0)).dev;
    dev = okOf(configureDedicated(dev, 0, { pasid: 201, pasidEnabled: true, privileged: false })).dev;
    dev = okOf(configureDedicated(dev, 1, { pasid: 300, pasidEnabled: false, privileged: false })).dev;
    dev = okOf(configureShared(dev, 2)).dev;
    dev = okOf(submitDescriptor(dev, { wq: 0 })).dev;
    dev = okOf(submitDescriptor(dev, { wq: 2, pasid: 201 })).dev;

    expect(namedPasids(dev)).toEqual([
      { kind: "wq-config", pasid: 201, wq: 0, owner: vm1, enabled: true },
      { kind: "wq-config", pasid: 300, wq: 1, owner: HOST, enabled: false },
      { kind: "in-flight", pasid: 201, wq: 0, owner: vm1, descriptor: 1 },
      { kind: "in-flight", pasid: 201, wq: 2, owner: HOST, descriptor: 2 },
    ]);
    expect(ownersNaming(dev, 201)).toEqual([vm1, HOST]);
    expect(namesPasid(dev, 300)).toBe(true);
    expect(namesPasid(dev, 202)).toBe(false);
    expect(dsaCounts(dev)).toEqual({ configuredPasids: 2, inFlight: 2, assignedWqs: 1 });
    expect(isQuiet(dev)).toBe(false);
  });

  it("a WQ unassigned without clearing still names the old VM's PASID under the host", () => {
    let dev = okOf(assignWq(device(5, 1), 0, 1, 0)).dev;
    dev = okOf(configureDedicated(dev, 0, { pasid: 201, pasidEnabled: true, privileged: false })).dev;
    dev = okOf(unassignWq(dev, 0)).dev;
    expect(ownersNaming(dev, 201)).toEqual([HOST]);
  });

  it("the VDCM teardown (clear config, then abort) leaves the device quiet", () => {
    let dev = okOf(assignWq(device(5, 1), 0, 1, 0)).dev;
    dev = okOf(configureDedicated(dev, 0, { pasid: 201, pasidEnabled: true, privileged: false })).dev;
    dev = okOf(submitDescriptor(dev, { wq: 0 })).dev;
    dev = okOf(clearWqPasid(dev, 0)).dev;
    expect(namesPasid(dev, 201)).toBe(true); // still in flight
    dev = okOf(abortPasid(dev, 201)).dev;
    expect(namesPasid(dev, 201)).toBe(false);
    expect(isQuiet(dev)).toBe(true);
    expect(namedPasids(dev)).toEqual([]);
  });
});
