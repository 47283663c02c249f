/**
 * Numeric constants of the IOASID namespace (DOMAIN.md section 2).
 *
 * Rules:
 *  1. IDs are 20-bit. 1..MAX_IOASID are allocatable; 0 means "no PASID" and is never allocated.
 *  2. INVALID_IOASID is the kernel's all-ones sentinel; it is never a valid argument.
 *  3. SPIDs (guest PASIDs) live in the same 1..MAX_IOASID range, per set.
 */

/** Smallest allocatable IOASID. */
export const MIN_IOASID = 1;
/** Largest allocatable IOASID: 2^20 - 1. */
export const MAX_IOASID = 0xfffff;
/** The kernel's INVALID_IOASID sentinel. */
export const INVALID_IOASID = 0xffffffff;
/** Number of allocatable IDs in the system-wide namespace. */
export const SYSTEM_CAPACITY = MAX_IOASID;
