/**
 * The result of a VT-d model operation that can be refused.
 *
 * Rules:
 *  1. No operation of the VT-d model throws: a refused operation returns `{ ok: false, error }`
 *     with a sentence saying what was wrong, and the caller keeps its previous state.
 *  2. A successful operation returns the new value; when nothing changed it may return the very
 *     same object it was given (callers may rely on `===` to detect "no change").
 */

/** A value, or the reason it could not be produced. */
export type VtdResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string };

/** A successful result. */
export const vtdOk = <T>(value: T): VtdResult<T> => ({ ok: true, value });

/** A refused operation. */
export const vtdErr = <T>(error: string): VtdResult<T> => ({ ok: false, error });
