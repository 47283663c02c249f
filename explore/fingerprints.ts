/**
 * A set of 64-bit state fingerprints, as TLC keeps them: two 32-bit hashes of a state's
 * canonical codes, stored in an open-addressing table of two Uint32Arrays, so a million states
 * cost 16 MB and no string is ever built on the hot path.
 *
 * Rules:
 *  1. The two halves are independent hashes (FNV-1a and a multiply-rotate mix with other
 *     constants) of the same codes; the pair (0, 0) marks an empty slot, so a fingerprint that
 *     hashes to it is stored as (0, 1).
 *  2. Two different states merge only if both halves collide: with n states the probability
 *     that any two merged is about n^2 / 2^65 (3 in a million for ten million states), which
 *     `collisionOdds` reports. The counts are deterministic either way.
 *  3. The table doubles when half full.
 */

/** The starting values of the two hashes (rule 1). */
export const FNV_START = 0x811c9dc5;
export const MIX_START = 0x9747b28c;

/** Rule 1: the fingerprint of `length` codes from the running hashes `a` and `b`, written to `out`. */
export const finishFingerprint = (a: number, b: number, length: number, out: { hi: number; lo: number }): void => {
  const lo = (Math.imul(b ^ (b >>> 15), 0x2c1b3c6d) ^ length) >>> 0;
  const hi = a >>> 0;
  out.hi = hi;
  out.lo = hi === 0 && lo === 0 ? 1 : lo;
};

/** Rule 1: the two hashes of `codes[0..length)`, written to `out`. */
export const fingerprintOf = (codes: readonly number[], length: number, out: { hi: number; lo: number }): void => {
  let a = FNV_START;
  let b = MIX_START;
  for (let i = 0; i < length; i++) {
    const c = codes[i] ?? 0;
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b = (b << 13) | (b >>> 19);
  }
  finishFingerprint(a, b, length, out);
};

/** Rules 1 and 3. */
export class FingerprintSet {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private mask: number;
  private count = 0;

  constructor(capacityPow2 = 1 << 16) {
    this.hi = new Uint32Array(capacityPow2);
    this.lo = new Uint32Array(capacityPow2);
    this.mask = capacityPow2 - 1;
  }

  get size(): number {
    return this.count;
  }

  /** Add a fingerprint; true if it was not there. */
  add(hi: number, given: number): boolean {
    const lo = hi === 0 && given === 0 ? 1 : given;
    let i = (hi ^ Math.imul(lo, 0x9e3779b1)) & this.mask;
    for (;;) {
      const h = this.hi[i] ?? 0;
      const l = this.lo[i] ?? 0;
      if (h === 0 && l === 0) break;
      if (h === hi && l === lo) return false;
      i = (i + 1) & this.mask;
    }
    this.hi[i] = hi;
    this.lo[i] = lo;
    this.count++;
    if (this.count * 2 > this.mask) this.grow();
    return true;
  }

  private grow(): void {
    const oldHi = this.hi;
    const oldLo = this.lo;
    this.hi = new Uint32Array(oldHi.length * 2);
    this.lo = new Uint32Array(oldLo.length * 2);
    this.mask = this.hi.length - 1;
    this.count = 0;
    for (let i = 0; i < oldHi.length; i++) {
      const h = oldHi[i] ?? 0;
      const l = oldLo[i] ?? 0;
      if (h !== 0 || l !== 0) this.add(h, l);
    }
  }
}

/** Rule 2: the chance that some two of `n` states were merged by a collision. */
export const collisionOdds = (n: number): number => Math.min(1, (n * n) / 2 ** 65);
