/**
 * Error numbers a core call may return. One errno per failure class; the spec's decision
 * table (spec/decisions.ts) records which failure maps to which errno.
 */
import * as t from "io-ts";

/** Codec of the errnos a core call may return. */
export const Errno = t.keyof({
  ENOENT: null,
  EACCES: null,
  EINVAL: null,
  ENOSPC: null,
  EBUSY: null,
  EEXIST: null,
  EAGAIN: null,
  EDQUOT: null,
  EDEADLK: null,
  /** An internal allocation failed (only under fault injection, api/faults.ts). */
  ENOMEM: null,
});
export type Errno = t.TypeOf<typeof Errno>;

/** Every errno, in declaration order (for coverage tables). */
export const ALL_ERRNOS: readonly Errno[] = Object.keys(Errno.keys) as readonly Errno[];
