/**
 * Map keys and readable names of the SMMU model's tables.
 *
 * Rules:
 *  1. A CD table is keyed by its owner and id: `host/T` or `vmV/T`.
 *  2. A TLB entry is keyed by one number: VMID * 2^16 + ASID, with 0 in place of the VMID for
 *     the host scope (VMIDs start at 1, ASIDs are 16-bit, so keys never collide).
 */
import type { CdTableOwner, TlbScope } from "./types.js";

/** Key of CD table `table` of `owner` (rule 1); also its readable name. */
export const cdTableKey = (owner: CdTableOwner, table: number): string => {
  switch (owner.kind) {
    case "host": return `host/${table}`;
    case "vm": return `vm${owner.vm}/${table}`;
  }
};

/** Key of the TLB entry tagged (scope, asid) (rule 2). */
export const tlbKey = (scope: TlbScope, asid: number): number => {
  switch (scope.kind) {
    case "host": return asid;
    case "vmid": return scope.vmid * 0x10000 + asid;
  }
};

/** A readable scope: `host` or `vmid3`. */
export const scopeName = (scope: TlbScope): string => {
  switch (scope.kind) {
    case "host": return "host";
    case "vmid": return `vmid${scope.vmid}`;
  }
};
