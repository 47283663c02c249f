/**
 * The codes of a canonical key (canonical.ts): each field is one 16-bit code, hashed as it is
 * written (the two running hashes of fingerprints.ts) and kept only when the text is wanted;
 * texts (data, reactions, call lists, priorities) are interned to numbers.
 *
 * Rules:
 *  1. Small integers (-2..65529) are one code; any other number is its text between two zero
 *     codes, so the encoding stays injective.
 *  2. Interned numbers are given in order of first appearance, once per process; equal texts
 *     get equal numbers, and UNDECIDED (lazy-reactions.ts) has its own, 0.
 *  3. One encoding at a time: `startCodes` resets the running hashes and the kept codes.
 */
import type { Reaction } from "../api/reaction.js";
import { UNDECIDED } from "./lazy-reactions.js";
import { FNV_START, MIX_START } from "./fingerprints.js";

const interned = new Map<string, number>();
/** Rule 2: the number of a text. */
export const intern = (text: string): number => {
  let n = interned.get(text);
  if (n === undefined) {
    n = interned.size + 1;
    interned.set(text, n);
  }
  return n;
};

const reactionCodes = new WeakMap<Reaction, number>([[UNDECIDED, 0]]);
/** Rule 2: the number of a reaction (by its text, remembered per object). */
export const reactionCode = (r: Reaction | undefined): number => {
  if (r === undefined) return intern("?missing");
  const known = reactionCodes.get(r);
  if (known !== undefined) return known;
  const code = intern(`r${r.on.join("+")}/${r.now.join("+")}/${r.later.join("+")}`);
  reactionCodes.set(r, code);
  return code;
};

const callCodes = new WeakMap<readonly string[], number>();
/** Rule 2: the number of a list of handler calls (a work item's). */
export const callsCode = (calls: readonly string[]): number => {
  const known = callCodes.get(calls);
  if (known !== undefined) return known;
  const code = intern(`c${calls.join("+")}`);
  callCodes.set(calls, code);
  return code;
};

/** The codes kept for the text key (rule 3). */
export const codes: number[] = [];

/** Whether `codes` is kept (for the text key), beside the running hash (for the fingerprint). */
let keep = false;
/** The running hashes and the number of codes hashed (rule 3). */
export const hash = { a: 0, b: 0, n: 0 };

/** One code: hashed as fingerprints.ts does, and kept when the text is wanted. */
const code = (c: number): void => {
  hash.a = Math.imul(hash.a ^ c, 0x01000193);
  const b = Math.imul(hash.b ^ c, 0x5bd1e995);
  hash.b = (b << 13) | (b >>> 19);
  hash.n++;
  if (keep) codes.push(c);
};

/** One field: small integers as one code, anything else escaped as its text between zeros. */
export const put = (n: number): void => {
  if (Number.isInteger(n) && n >= -2 && n < 65530) {
    code(n + 3);
    return;
  }
  code(0);
  for (const ch of String(n)) code(ch.charCodeAt(0));
  code(0);
};

/** Rule 3. */
export const startCodes = (keepCodes: boolean): void => {
  keep = keepCodes;
  codes.length = 0;
  hash.a = FNV_START;
  hash.b = MIX_START;
  hash.n = 0;
};
