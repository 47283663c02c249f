/**
 * Assigning work queues to an mdev of a VM, and returning them to the host.
 *
 * Rules:
 *  1. `assignWq` gives a host-owned WQ to mdev `mdev` of VM `vm`. A WQ already owned by an mdev
 *     is refused (it must be unassigned first); assigning it again to the same mdev is a no-op.
 *  2. `unassignWq` gives the WQ back to the host; unassigning a host-owned WQ is a no-op.
 *  3. Neither touches the WQ's configuration or in-flight work. Whatever PASID the WQ still
 *     carries moves with it, under its new owner: that is the state the VDCM must prevent by
 *     clearing and draining first, and `namedPasids` shows it to the checks.
 */
import type { DsaDevice, WqOwner } from "./types.js";
import { HOST, ownerName, sameOwner } from "./types.js";
import type { DsaResult } from "./result.js";
import { findWq, idError, isError, refused, withWq } from "./result.js";

/** Assign `wq` to mdev `mdev` of VM `vm`. */
export const assignWq = (dev: DsaDevice, wq: number, vm: number, mdev: number): DsaResult => {
  const bad = idError("VM id", vm) ?? idError("mdev id", mdev);
  if (bad !== null) return bad;
  const q = findWq(dev, wq);
  if (isError(q)) return q;
  const owner: WqOwner = { kind: "mdev", vm, mdev };
  if (sameOwner(q.owner, owner)) return { ok: true, dev };
  if (q.owner.kind === "mdev") return refused(`WQ ${wq} is assigned to ${ownerName(q.owner)}; unassign it first`);
  return { ok: true, dev: withWq(dev, { ...q, owner }) };
};

/** Give `wq` back to the host. */
export const unassignWq = (dev: DsaDevice, wq: number): DsaResult => {
  const q = findWq(dev, wq);
  if (isError(q)) return q;
  if (q.owner.kind === "host") return { ok: true, dev };
  return { ok: true, dev: withWq(dev, { ...q, owner: HOST }) };
};
