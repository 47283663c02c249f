/**
 * A canonical text of a state, so the breadth-first search can tell states it already saw.
 *
 * Rules:
 *  1. Equal states give equal texts: object keys are sorted, Maps and Sets are written as their
 *     entries in insertion order (the order the code built them, which is part of the state).
 *  2. Functions and values without enumerable fields (WeakMaps) are written as markers: they
 *     carry behaviour, not state; the state they act on is written where it is held.
 *  3. An object met again (shared or cyclic) is written as a reference to its first position, so
 *     any object graph (a whole simulated system) has a finite text.
 *  4. Typed arrays (bitmaps of a core under test) are written as their length and a 32-bit FNV-1a
 *     style hash of their contents: equal contents give equal texts, and the text stays short (a
 *     hash collision could merge two states; with 32 bits over a few thousand states per search
 *     that is negligible).
 */

/** Rule 4 (word by word when the view is aligned, which every Int32Array is). */
const typedArrayText = (v: ArrayBufferView): string => {
  let h = 0x811c9dc5;
  if (v.byteOffset % 4 === 0 && v.byteLength % 4 === 0) {
    const words = new Int32Array(v.buffer, v.byteOffset, v.byteLength / 4);
    for (let i = 0; i < words.length; i++) h = Math.imul(h ^ (words[i] ?? 0), 0x01000193);
  } else {
    const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ (bytes[i] ?? 0), 0x01000193);
  }
  return `T${v.byteLength}:${(h >>> 0).toString(16)}`;
};

/** Rules 1 to 3. */
export const stateKey = (root: unknown): string => {
  const seen = new Map<object, number>();
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (v === null || v === undefined) {
      out.push(String(v));
      return;
    }
    if (typeof v === "function") {
      out.push("fn");
      return;
    }
    if (typeof v !== "object") {
      out.push(typeof v === "string" ? JSON.stringify(v) : String(v));
      return;
    }
    const at = seen.get(v);
    if (at !== undefined) {
      out.push(`@${at}`);
      return;
    }
    seen.set(v, seen.size);
    if (ArrayBuffer.isView(v)) {
      out.push(typedArrayText(v));
    } else if (v instanceof Map) {
      out.push("M[");
      for (const [k, x] of v) {
        walk(k);
        out.push(":");
        walk(x);
        out.push(",");
      }
      out.push("]");
    } else if (v instanceof Set) {
      out.push("S[");
      for (const x of v) {
        walk(x);
        out.push(",");
      }
      out.push("]");
    } else if (Array.isArray(v)) {
      const xs: readonly unknown[] = v;
      out.push("[");
      for (const x of xs) {
        walk(x);
        out.push(",");
      }
      out.push("]");
    } else {
      out.push("{");
      for (const k of Object.keys(v).sort()) {
        out.push(`${k}=`);
        walk(Reflect.get(v, k));
        out.push(",");
      }
      out.push("}");
    }
  };
  walk(root);
  return out.join("");
};
