/**
 * KVM's per-VM PASID translation table for guest ENQCMD (VMX): guest PASID -> host PASID.
 *
 * Rules:
 *  1. One table per VM; the table does not know its VM (the caller keys tables by VM).
 *  2. Two levels, indexed by the guest PASID: bits 19:10 pick one of 1024 directory slots, bits
 *     9:0 one of the 1024 entries of that slot's leaf.
 *  3. Storage is sparse: an absent leaf or an absent entry reads as the all-zero entry
 *     (valid = 0, host PASID 0). Only valid entries are stored, so a stored entry always
 *     carries a host PASID in 1..0xFFFFF.
 *  4. A leaf exists exactly while it holds at least one valid entry; clearing its last entry
 *     frees it, so an empty table has no leaves.
 *  5. `count` is the number of valid entries, kept with the table so reading it is O(1).
 *  6. Tables are immutable values: every update builds a new table and shares what it did not
 *     touch (the other leaves) with the old one.
 */

/** Width of the leaf index (guest PASID bits 9:0). */
export const LEAF_BITS = 10;
/** Entries per leaf. */
export const LEAF_ENTRIES = 1 << LEAF_BITS;
/** Slots in the directory (guest PASID bits 19:10). */
export const DIRECTORY_SLOTS = 1 << LEAF_BITS;

/** One entry as the CPU reads it. */
export interface PasidEntry {
  readonly valid: boolean;
  /** The host PASID ENQCMD is rewritten to; 0 when the entry is not valid. */
  readonly hostPasid: number;
}

/** The all-zero entry: what an absent leaf or entry reads as. */
export const INVALID_ENTRY: PasidEntry = Object.freeze({ valid: false, hostPasid: 0 });

/** A leaf: leaf index (bits 9:0) -> host PASID of a valid entry. */
export type PasidLeaf = ReadonlyMap<number, number>;

/** The table of one VM. */
export interface KvmPasidTable {
  /** Directory slot (bits 19:10) -> its leaf; slots without a leaf are absent. */
  readonly directory: ReadonlyMap<number, PasidLeaf>;
  /** Number of valid entries (rule 5). */
  readonly count: number;
}

const EMPTY: KvmPasidTable = Object.freeze({ directory: new Map<number, PasidLeaf>(), count: 0 });

/** A table with no leaves. */
export const emptyPasidTable = (): KvmPasidTable => EMPTY;

/** The directory slot of a guest PASID (bits 19:10). */
export const directoryIndex = (gpasid: number): number => gpasid >>> LEAF_BITS;

/** The leaf index of a guest PASID (bits 9:0). */
export const leafIndex = (gpasid: number): number => gpasid & (LEAF_ENTRIES - 1);

/** The directory slots that currently hold a leaf, ascending. */
export const presentLeaves = (table: KvmPasidTable): readonly number[] =>
  [...table.directory.keys()].sort((a, b) => a - b);
