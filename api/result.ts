/**
 * The result of one core call: a value, or an errno with the state left unchanged.
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

/** Codec of a call's result. */
export const CallResult = t.union([Ok, Err]);
export type CallResult = t.TypeOf<typeof CallResult>;

/** A successful result carrying `value`. */
export const ok = (value: Value): Ok => ({ ok: true, value });
/** A refused call. */
export const err = (errno: Errno): Err => ({ ok: false, errno });
