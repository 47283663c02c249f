/**
 * Address spaces and DMA outcomes, the vocabulary every table model shares.
 *
 * Rules:
 *  1. An AddressSpace names whose memory a translation reaches: a host process (its mm), a VM's
 *     guest-physical space, a guest process inside a VM (nested: guest first level over the VM's
 *     second level), or host physical memory (pass-through).
 *  2. Resolving a request gives the address space reached, or a fault with its reason and
 *     whether it is reported (fault processing may be disabled).
 */

/** Whose memory a translation reaches. */
export type AddressSpace =
  | { readonly kind: "host-process"; readonly mm: number }
  | { readonly kind: "vm-physical"; readonly vm: number }
  | { readonly kind: "guest-process"; readonly vm: number; readonly guestMm: number }
  | { readonly kind: "host-physical" };

/** Are two address spaces the same? */
export const sameAddressSpace = (a: AddressSpace, b: AddressSpace): boolean => {
  switch (a.kind) {
    case "host-process": return b.kind === "host-process" && a.mm === b.mm;
    case "vm-physical": return b.kind === "vm-physical" && a.vm === b.vm;
    case "guest-process": return b.kind === "guest-process" && a.vm === b.vm && a.guestMm === b.guestMm;
    case "host-physical": return b.kind === "host-physical";
  }
};

/** A readable name, e.g. `vm2/guest-mm7`. */
export const addressSpaceName = (a: AddressSpace): string => {
  switch (a.kind) {
    case "host-process": return `host-mm${a.mm}`;
    case "vm-physical": return `vm${a.vm}/gpa`;
    case "guest-process": return `vm${a.vm}/guest-mm${a.guestMm}`;
    case "host-physical": return "host-physical";
  }
};

/** Where a request went: an address space, possibly through a stale cached entry, or a fault. */
export type Resolution =
  | { readonly kind: "translated"; readonly space: AddressSpace; readonly via: "walk" | "cache" }
  | { readonly kind: "fault"; readonly reason: string; readonly reported: boolean };
