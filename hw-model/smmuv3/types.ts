/**
 * The state of one ARM SMMUv3: what its tables hold in memory, what it has cached, and the
 * invalidation commands each guest has written to its virtual SMMU.
 *
 * Rules:
 *  1. The stream table maps a StreamID to its STE. An absent STE is an invalid one (V = 0).
 *  2. An STE's Config is abort, bypass, s1 (stage 1 only), s2 (stage 2 only) or nested (both).
 *     s1 and nested point at a context-descriptor (CD) table of 2^S1CDMax entries, one per SSID;
 *     s2 and nested carry the VM's stage 2 (its guest-physical space) and the VM's VMID.
 *  3. A CD table belongs to the host (native SVA, or a VM's DMA domain run at stage 1) or to a
 *     VM (nested: the guest allocates it in its own memory and writes its CDs itself, so SSIDs
 *     are the guest's own namespace, not a system-wide one). An s1 STE points at a host table;
 *     a nested STE points at a table of the VM whose stage 2 it carries: the pointer is a
 *     guest-physical address, read through that VM's stage 2.
 *  4. A CD holds valid, an ASID and the address space its page table maps (`ttb`). A CD in a
 *     host table never maps a guest process; a CD in a VM's table always maps one of that VM's.
 *  5. CD tables exist while they hold at least one CD; an absent CD reads as invalid.
 *  6. Caches: STEs and CDs the SMMU has read (config cache, by StreamID and by StreamID + SSID)
 *     and the TLB, tagged by (host or VMID, ASID) and holding the address space reached. They are
 *     filled by translation and emptied only by invalidation commands: until then they keep
 *     answering with what memory held when they were filled.
 *  7. Each VM's vSMMU command queue holds the guest's invalidations until the VMM propagates them.
 *  8. VMIDs: one per VM that has a stage 2, chosen by the host; VMID 0 is never used (TLB entries
 *     of host stage-1 translations carry no VMID).
 */
import type { AddressSpace } from "../address-space.js";

/** A VM's guest-physical space (the stage 2 of its devices). */
export type VmSpace = Extract<AddressSpace, { readonly kind: "vm-physical" }>;

/** Who owns a CD table (rule 3). */
export type CdTableOwner = { readonly kind: "host" } | { readonly kind: "vm"; readonly vm: number };

/** An STE's pointer to a CD table, with the table's size as the STE states it. */
export interface CdTableRef {
  readonly owner: CdTableOwner;
  /** The table's id in its owner's memory (a pointer, named rather than simulated). */
  readonly table: number;
  /** The table has 2^s1CdMax entries: SSIDs 0..2^s1CdMax - 1 are accepted. */
  readonly s1CdMax: number;
}

/** A stream table entry (rule 2). */
export type Ste =
  | { readonly config: "abort" }
  | { readonly config: "bypass" }
  | { readonly config: "s1"; readonly cdTable: CdTableRef }
  | { readonly config: "s2"; readonly s2: VmSpace; readonly vmid: number }
  | { readonly config: "nested"; readonly cdTable: CdTableRef; readonly s2: VmSpace; readonly vmid: number };

/** A context descriptor (rule 4). */
export interface Cd {
  readonly valid: boolean;
  readonly asid: number;
  readonly ttb: AddressSpace;
}

/** One CD table in memory. */
export interface CdTable {
  readonly owner: CdTableOwner;
  readonly table: number;
  /** SSID -> CD; absent SSIDs read as invalid. */
  readonly cds: ReadonlyMap<number, Cd>;
}

/** The tag of a TLB entry besides its ASID. */
export type TlbScope = { readonly kind: "host" } | { readonly kind: "vmid"; readonly vmid: number };

/** One TLB entry: what translations tagged (scope, asid) reach. */
export interface TlbEntry {
  readonly scope: TlbScope;
  readonly asid: number;
  readonly space: AddressSpace;
}

/** A command the host writes to the physical SMMU's command queue. */
export type SmmuCommand =
  | { readonly op: "CMD_TLBI_NH_ASID"; readonly scope: TlbScope; readonly asid: number }
  | { readonly op: "CMD_TLBI_S12_VMALL"; readonly vmid: number }
  | { readonly op: "CMD_CFGI_CD"; readonly streamId: number; readonly ssid: number }
  | { readonly op: "CMD_CFGI_STE"; readonly streamId: number };

/** A command a guest writes to its vSMMU (it knows neither VMIDs nor other VMs' streams). */
export type GuestCommand =
  | { readonly op: "CMD_TLBI_NH_ASID"; readonly asid: number }
  | { readonly op: "CMD_CFGI_CD"; readonly streamId: number; readonly ssid: number }
  | { readonly op: "CMD_CFGI_STE"; readonly streamId: number };

/** The whole SMMU. */
export interface SmmuState {
  /** StreamID -> STE in memory (rule 1). */
  readonly streamTable: ReadonlyMap<number, Ste>;
  /** `cdTableKey(owner, table)` -> CD table in memory (rule 5). */
  readonly cdTables: ReadonlyMap<string, CdTable>;
  /** VM -> its VMID (rule 8). */
  readonly vmids: ReadonlyMap<number, number>;
  /** StreamID -> cached STE. */
  readonly steCache: ReadonlyMap<number, Ste>;
  /** StreamID -> SSID -> cached CD (valid CDs only). */
  readonly cdCache: ReadonlyMap<number, ReadonlyMap<number, Cd>>;
  /** `tlbKey(scope, asid)` -> TLB entry. */
  readonly tlb: ReadonlyMap<number, TlbEntry>;
  /** VM -> the guest's commands not yet propagated, oldest first. */
  readonly guestQueues: ReadonlyMap<number, readonly GuestCommand[]>;
}

const EMPTY: SmmuState = Object.freeze({
  streamTable: new Map<number, Ste>(),
  cdTables: new Map<string, CdTable>(),
  vmids: new Map<number, number>(),
  steCache: new Map<number, Ste>(),
  cdCache: new Map<number, ReadonlyMap<number, Cd>>(),
  tlb: new Map<number, TlbEntry>(),
  guestQueues: new Map<number, readonly GuestCommand[]>(),
});

/** An SMMU with empty tables, caches and queues. */
export const emptySmmu = (): SmmuState => EMPTY;

/** The host as a CD-table owner and as a TLB scope. */
export const HOST_OWNER: CdTableOwner = Object.freeze({ kind: "host" });
export const HOST_SCOPE: TlbScope = Object.freeze({ kind: "host" });
