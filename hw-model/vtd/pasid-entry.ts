/**
 * One scalable-mode PASID-table entry, and what it translates to.
 *
 * Rules:
 *  1. An entry holds: present, FPD (fault processing disable), PGTT (1 first-level only,
 *     2 second-level only, 3 nested, 4 pass-through), a domain ID and two table pointers.
 *     A pointer is modelled by the address space its page table maps, or null for "no table".
 *  2. Which pointers each PGTT requires and forbids:
 *       PGTT 1: flptr is a host-owned first-level table (a host process, or a VM's memory
 *               mapped by the host); slptr is null. A guest's CR3 needs nesting (PGTT 3).
 *       PGTT 2: slptr is set (a VM's guest-physical space or a host process); flptr is null.
 *       PGTT 3: slptr is the VM's guest-physical space; flptr is the guest's CR3, named by the
 *               guest process it belongs to.
 *       PGTT 4: both are null; DMA reaches host physical memory.
 *     The DID is 1..0xFFFF whatever the PGTT. Every stored entry satisfies these rules, present
 *     or not (a cleared entry keeps its fields).
 *  3. Validation checks only what the hardware could check. In nested mode the VM reached is the
 *     slptr's VM, whatever VM the flptr's guest process claims: a nested entry whose flptr names
 *     another VM is legal, and its translation shows where DMA really lands
 *     (guest-process { vm: slptr.vm, guestMm: flptr.guestMm }).
 */
import type { AddressSpace } from "../address-space.js";
import { didError } from "./ids.js";
import { vtdErr, vtdOk, type VtdResult } from "./result.js";

/** PASID Granular Translation Type. */
export type Pgtt = 1 | 2 | 3 | 4;

/** Named PGTT values. */
export const PGTT: {
  readonly firstLevel: 1;
  readonly secondLevel: 2;
  readonly nested: 3;
  readonly passThrough: 4;
} = { firstLevel: 1, secondLevel: 2, nested: 3, passThrough: 4 };

/** What a first-level table pointer may name. */
export type FirstLevelTable = Extract<AddressSpace, { kind: "host-process" | "vm-physical" | "guest-process" }>;

/** What a second-level table pointer may name. */
export type SecondLevelTable = Extract<AddressSpace, { kind: "vm-physical" | "host-process" }>;

/** A scalable-mode PASID-table entry. */
export interface PasidEntry {
  readonly present: boolean;
  /** Fault processing disable: faults through this entry are not reported. */
  readonly fpd: boolean;
  readonly pgtt: Pgtt;
  /** Domain ID, 1..0xFFFF; tags the PASID cache and the IOTLB. */
  readonly did: number;
  readonly slptr: SecondLevelTable | null;
  readonly flptr: FirstLevelTable | null;
}

/** Is `n` one of the four PGTT values? */
export const isPgtt = (n: number): n is Pgtt => n === 1 || n === 2 || n === 3 || n === 4;

const pointerError = (e: PasidEntry): string | null => {
  switch (e.pgtt) {
    case 1:
      if (e.flptr === null) return "PGTT 1 (first-level) needs flptr";
      if (e.flptr.kind === "guest-process")
        return "PGTT 1 (first-level) cannot use a guest CR3 as flptr: a guest page table needs PGTT 3 (nested)";
      if (e.slptr !== null) return "PGTT 1 (first-level) must have a null slptr";
      return null;
    case 2:
      if (e.slptr === null) return "PGTT 2 (second-level) needs slptr";
      if (e.flptr !== null) return "PGTT 2 (second-level) must have a null flptr";
      return null;
    case 3:
      if (e.slptr === null) return "PGTT 3 (nested) needs slptr, the VM's second level";
      if (e.slptr.kind !== "vm-physical") return "PGTT 3 (nested) needs slptr to be a VM's guest-physical space";
      if (e.flptr === null) return "PGTT 3 (nested) needs flptr, the guest's CR3";
      if (e.flptr.kind !== "guest-process") return "PGTT 3 (nested) needs flptr to be a guest process's page table";
      return null;
    case 4:
      if (e.slptr !== null || e.flptr !== null) return "PGTT 4 (pass-through) must have null slptr and flptr";
      return null;
  }
};

/** The entry itself when it is legal, else the first rule it breaks. */
export const validateEntry = (e: PasidEntry): VtdResult<PasidEntry> => {
  if (!isPgtt(e.pgtt)) return vtdErr(`PGTT ${String(e.pgtt)} is not 1, 2, 3 or 4`);
  const did = didError(e.did);
  if (did !== null) return vtdErr(did);
  const pointers = pointerError(e);
  return pointers === null ? vtdOk(e) : vtdErr(pointers);
};

/**
 * The address space a legal entry translates to, whether or not it is present (a cleared entry
 * still says what it used to translate to). Null for an illegal entry.
 */
export const entrySpace = (e: PasidEntry): AddressSpace | null => {
  if (!validateEntry(e).ok) return null;
  switch (e.pgtt) {
    case 1:
      return e.flptr;
    case 2:
      return e.slptr;
    case 3:
      return e.slptr?.kind === "vm-physical" && e.flptr?.kind === "guest-process"
        ? { kind: "guest-process", vm: e.slptr.vm, guestMm: e.flptr.guestMm }
        : null;
    case 4:
      return { kind: "host-physical" };
  }
};

/** Options shared by the entry constructors. */
export interface EntryOptions {
  readonly present?: boolean;
  readonly fpd?: boolean;
}

/** A nested entry: guest process `guestMm` of VM `vm` (guest CR3 over the VM's second level). */
export const nestedEntry = (did: number, vm: number, guestMm: number, opts: EntryOptions = {}): PasidEntry => ({
  present: opts.present ?? true,
  fpd: opts.fpd ?? false,
  pgtt: PGTT.nested,
  did,
  slptr: { kind: "vm-physical", vm },
  flptr: { kind: "guest-process", vm, guestMm },
});

/** A first-level entry, e.g. native SVA of host process `{ kind: "host-process", mm }`. */
export const firstLevelEntry = (
  did: number,
  flptr: Exclude<FirstLevelTable, { kind: "guest-process" }>,
  opts: EntryOptions = {},
): PasidEntry => ({
  present: opts.present ?? true,
  fpd: opts.fpd ?? false,
  pgtt: PGTT.firstLevel,
  did,
  slptr: null,
  flptr,
});

/** A second-level entry, e.g. a VM's guest-physical space. */
export const secondLevelEntry = (did: number, slptr: SecondLevelTable, opts: EntryOptions = {}): PasidEntry => ({
  present: opts.present ?? true,
  fpd: opts.fpd ?? false,
  pgtt: PGTT.secondLevel,
  did,
  slptr,
  flptr: null,
});

/** A pass-through entry (host physical memory). */
export const passThroughEntry = (did: number, opts: EntryOptions = {}): PasidEntry => ({
  present: opts.present ?? true,
  fpd: opts.fpd ?? false,
  pgtt: PGTT.passThrough,
  did,
  slptr: null,
  flptr: null,
});
