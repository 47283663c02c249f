/**
 * Shared results: one frozen object per errno and one for ok(null), so the hot paths do not
 * allocate a result per call. Results are read-only by type and frozen at run time.
 */
import type { Errno } from "../api/errno.js";
import { err, ok, type Err, type Ok } from "../api/result.js";

const frozenErr = (e: Errno): Err => Object.freeze(err(e));

export const OK_NULL: Ok = Object.freeze(ok(null));
export const E_NOENT = frozenErr("ENOENT");
export const E_ACCES = frozenErr("EACCES");
export const E_INVAL = frozenErr("EINVAL");
export const E_NOSPC = frozenErr("ENOSPC");
export const E_BUSY = frozenErr("EBUSY");
export const E_EXIST = frozenErr("EEXIST");
export const E_AGAIN = frozenErr("EAGAIN");
export const E_DQUOT = frozenErr("EDQUOT");
export const E_DEADLK = frozenErr("EDEADLK");
export const E_NOMEM = frozenErr("ENOMEM");

const BY_ERRNO: Readonly<Record<Errno, Err>> = {
  ENOENT: E_NOENT, EACCES: E_ACCES, EINVAL: E_INVAL, ENOSPC: E_NOSPC, EBUSY: E_BUSY,
  EEXIST: E_EXIST, EAGAIN: E_AGAIN, EDQUOT: E_DQUOT, EDEADLK: E_DEADLK, ENOMEM: E_NOMEM,
};

/** The shared result of an errno. */
export const fail = (e: Errno): Err => BY_ERRNO[e];
