/**
 * DMA as the system issues it: who issued it, and what a command observably did.
 *
 * Rules:
 *  1. Every DMA of a DSA work queue carries the DSA device's requester id and the PASID of its
 *     descriptor; the VT-d model resolves it (caches filled, faults logged) and the descriptor
 *     completes.
 *  2. A guest's DMA is expected in the guest process its VM bound the PASID to on the DSA
 *     device, or anywhere in that VM when it is not bound (a freed or never bound PASID).
 *  3. A descriptor performed later (`performOldest`) is issued by whoever submitted it: the VM of
 *     the mdev that owned the WQ then, or the native process using the host WQ.
 */
import type { CallResult } from "../../api/result.js";
import { err } from "../../api/result.js";
import type { Resolution } from "../address-space.js";
import { resolveDma } from "../vtd/index.js";
import type { WqOwner } from "../dsa/index.js";
import { completeDescriptor, submitDescriptor } from "../dsa/index.js";
import type { Platform } from "../drivers/platform.js";
import type { Vmm } from "../drivers/vmm.js";

/** Who issued a DMA, and which address space it may reach. */
export type Issuer =
  | { readonly kind: "guest"; readonly vm: number; readonly guestMm: number | null }
  | { readonly kind: "process"; readonly mm: number };

/** What one command observably did. */
export type StepRecord =
  | { readonly kind: "call"; readonly result: CallResult }
  | { readonly kind: "dma"; readonly issuer: Issuer; readonly pasid: number; readonly resolution: Resolution }
  | { readonly kind: "exit"; readonly reason: string }
  | { readonly kind: "work"; readonly label: string | null };

/** Rule 1: resolve a DMA from the DSA device tagged `pasid`. */
export const resolveOnDsa = (p: Platform, issuer: Issuer, pasid: number): StepRecord => {
  const out = resolveDma(p.iommu, p.shape.dsaDevice, pasid);
  p.iommu = out.state;
  return { kind: "dma", issuer, pasid, resolution: out.resolution };
};

/** Rule 1: submit on WQ `wq`, resolve, complete; EINVAL when the WQ takes no work. */
export const submitAndPerform = (p: Platform, issuer: Issuer, wq: number): StepRecord => {
  const s = submitDescriptor(p.dsa, { wq });
  if (!s.ok) return { kind: "call", result: err("EINVAL") };
  const rec = resolveOnDsa(p, issuer, s.request.pasid);
  const done = completeDescriptor(s.dev, s.descriptor.id);
  p.dsa = done.ok ? done.dev : s.dev;
  return rec;
};

/** Rule 2. */
export const guestIssuer = (vmm: Vmm, dsaDevice: number, host: number): Issuer => {
  let guestMm: number | null = null;
  for (const [g, h] of vmm.gpasids) if (h === host) guestMm = vmm.expectedProcess(dsaDevice, g) ?? null;
  return { kind: "guest", vm: vmm.vm, guestMm };
};

/** Rule 3: perform the oldest in-flight descriptor; ENOENT when none is in flight. */
export const performOldest = (p: Platform, issuerOf: (owner: WqOwner, wq: number, pasid: number) => Issuer): StepRecord => {
  const d = p.dsa.inFlight.values().next();
  if (d.done === true) return { kind: "call", result: err("ENOENT") };
  const { owner, pasid, wq, id } = d.value;
  const rec = resolveOnDsa(p, issuerOf(owner, wq, pasid), pasid);
  const done = completeDescriptor(p.dsa, id);
  if (done.ok) p.dsa = done.dev;
  return rec;
};
