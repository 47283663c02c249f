/**
 * Whether the twins' step records are the same, as their JSON texts would say, without building
 * the texts in the common case.
 *
 * Rules:
 *  1. Two plain values (primitives, arrays, objects whose prototype is Object's or null) with the
 *     same own keys in the same order and the same primitives (===) have the same JSON text, so
 *     they are the same record.
 *  2. Anything else (a difference, or a value of another kind) is judged by comparing the JSON
 *     texts, as before: the answer is exactly the texts' comparison.
 */

const isPlainObject = (v: object): boolean => {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/** Rule 1: structurally identical plain values (false does not mean different). */
const identical = (a: unknown, b: unknown): boolean => {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  return identicalObjects(a, b);
};

const identicalObjects = (a: object, b: object): boolean => {
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!identical(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b) || !isPlainObject(a) || !isPlainObject(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i];
    if (k === undefined || k !== kb[i] || !identical(Reflect.get(a, k), Reflect.get(b, k))) return false;
  }
  return true;
};

/** Rules 1 and 2. */
export const sameRecord = (a: unknown, b: unknown): boolean => identical(a, b) || JSON.stringify(a) === JSON.stringify(b);
