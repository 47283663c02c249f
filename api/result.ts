/**
 * The result of one core call: a value, an errno with the state left unchanged, or a refusal
 * whose API cannot say why.
 *
 * Rules:
 *  1. `Ok` and `Err` are what every core in TypeScript, and every exec process, answers.
 *  2. `NoErrno` exists for cores whose API has no errno to give (the kernel C kit, kit/kernel/):
 *     a void function that raised warnings (WARN_ON, pr_err, ...) during the call, a failure
 *     signalled only by a sentinel (INVALID_IOASID, a NULL pointer), an errno outside the
 *     protocol's list, or arguments the C API cannot express. How it is judged against the
 *     spec is decision D30 (spec/decisions.ts); the state must be unchanged all the same.
 *  3. A void function that raised no warning answers `Ok` with the value null.
 */
import * as t from "io-ts";
import { Errno } from "./errno.js";

/** A value returned by a core call: an ID, a set handle, private data, a list of IDs, or nothing. */
export const Value = t.union([t.null, t.number, t.string, t.readonlyArray(t.number)]);
export type Value = t.TypeOf<typeof Value>;

/** Codec of a successful call. */
export const Ok = t.readonly(t.type({ ok: t.literal(true), value: Value }));
export type Ok = t.TypeOf<typeof Ok>;

/** Codec of a refused call. */
export const Err = t.readonly(t.type({ ok: t.literal(false), errno: Errno }));
export type Err = t.TypeOf<typeof Err>;

/** Codec of why a refusal carries no errno (rule 2). */
export const NoErrnoVia = t.keyof({ void: null, sentinel: null, errno: null, untranslatable: null });
export type NoErrnoVia = t.TypeOf<typeof NoErrnoVia>;

/**
 * Codec of a refusal without an errno (rule 2): `via` says why there is none, `warnings` lists
 * the warnings raised during the call (and, for `errno` and `untranslatable`, what the caller
 * could not pass on), in order.
 */
export const NoErrno = t.readonly(t.type({ ok: t.literal(false), errno: t.null, via: NoErrnoVia, warnings: t.readonlyArray(t.string) }));
export type NoErrno = t.TypeOf<typeof NoErrno>;

/** Codec of a call's result. */
export const CallResult = t.union([Ok, Err, NoErrno]);
export type CallResult = t.TypeOf<typeof CallResult>;

/** A successful result carrying `value`. */
export const ok = (value: Value): Ok => ({ ok: true, value });
/** A refused call. */
export const err = (errno: Errno): Err => ({ ok: false, errno });
/** A refusal whose API gives no errno. */
export const noErrno = (via: NoErrnoVia, warnings: readonly string[]): NoErrno => ({ ok: false, errno: null, via, warnings });
