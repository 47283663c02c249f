/**
 * Configuring a work queue's mode and PASID, and clearing the PASID configuration.
 *
 * Rules:
 *  1. `configureDedicated` makes the WQ dedicated with the given PASID configuration; the PASID
 *     must be in 1..0xFFFFF even when pasid-enable is off (the register still holds it).
 *  2. `configureShared` makes the WQ shared: it carries no PASID of its own.
 *  3. `clearWqPasid` removes a dedicated WQ's PASID configuration (the VDCM's clear on FREE);
 *     the WQ stays dedicated. On a shared or unconfigured WQ there is nothing to clear: a
 *     successful no-op returning the same device.
 *  4. Configuration may change while descriptors are in flight: those keep the PASID they were
 *     submitted with (types.ts rule 5), so clearing a PASID does not stop work already accepted;
 *     only drain or abort does.
 *  5. The owner is not checked here: the VDCM, which decides who may configure what, is a
 *     driver built on this model.
 */
import type { DsaDevice, WqPasidConfig } from "./types.js";
import type { DsaResult } from "./result.js";
import { findWq, isError, pasidError, withWq } from "./result.js";

/** Make `wq` dedicated with `config`. */
export const configureDedicated = (dev: DsaDevice, wq: number, config: WqPasidConfig): DsaResult => {
  const q = findWq(dev, wq);
  if (isError(q)) return q;
  const bad = pasidError(`WQ ${wq} PASID`, config.pasid);
  if (bad !== null) return bad;
  const copy: WqPasidConfig = { pasid: config.pasid, pasidEnabled: config.pasidEnabled, privileged: config.privileged };
  return { ok: true, dev: withWq(dev, { ...q, mode: { kind: "dedicated", config: copy } }) };
};

/** Make `wq` shared. */
export const configureShared = (dev: DsaDevice, wq: number): DsaResult => {
  const q = findWq(dev, wq);
  if (isError(q)) return q;
  if (q.mode.kind === "shared") return { ok: true, dev };
  return { ok: true, dev: withWq(dev, { ...q, mode: { kind: "shared" } }) };
};

/** Remove `wq`'s PASID configuration. */
export const clearWqPasid = (dev: DsaDevice, wq: number): DsaResult => {
  const q = findWq(dev, wq);
  if (isError(q)) return q;
  if (q.mode.kind !== "dedicated" || q.mode.config === null) return { ok: true, dev };
  return { ok: true, dev: withWq(dev, { ...q, mode: { kind: "dedicated", config: null } }) };
};
