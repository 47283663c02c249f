/**
 * IdBitmap: occupancy of the 20-bit IOASID namespace, one bit per ID (1 = taken).
 *
 * Layout (three levels; bit b of word w of a level is index w*32+b of that level):
 *   level 0: 2^20 bits  = 32768 words, the IDs themselves, in 1024 chunks of 32 words (1024 IDs,
 *            one level-1 word's worth). A chunk gets storage on the first set() of one of its
 *            bits, appended to `pool` (which grows by doubling up to 1025 chunks, 128 KiB);
 *            `l0dir[c]` is chunk c's pool offset minus c*32, so word w0 is
 *            pool[l0dir[w0 >>> 5] + w0]. A chunk without storage points at the zero chunk at
 *            pool offset 0 (never written), so reads need no test and an absent chunk reads as
 *            all free. Chunks are kept once allocated. Bit 0 (ID 0, "no PASID") is set at
 *            construction and never cleared, so it is never handed out.
 *   level 1: 32768 bits = 1024 words, bit w set <=> level-0 word w is full (all 32 bits set);
 *            so level-1 word c summarizes chunk c.
 *   level 2: 1024 bits  = 32 words,   bit w set <=> level-1 word w is full.
 * A fresh bitmap costs ~8.5 KiB (directory 4 KiB, level 1 4 KiB, two chunks), not the 128 KiB
 * of a flat level 0. Finding the lowest free ID >= pos touches at most one word per level on
 * the way up and one per level on the way down, plus a scan of at most 32 top-level words: no
 * linear scan of the namespace. Find-first-zero uses Math.clz32 on the isolated lowest set bit
 * of ~word.
 *
 * Rules:
 *  1. set(i) / clear(i) keep the summary levels exact (a parent bit is set iff the child word
 *     is full), so searches never miss a free ID and never return a taken one.
 *  2. lowestFree(min, max) returns the lowest free ID in [min, max]; cyclicFree(min, max, from)
 *     the lowest free ID in [from, max], else in [min, from - 1]; -1 when there is none.
 *  3. Callers pass validated integers 1..0xFFFFF; the bitmap does not re-validate them.
 */

/** Number of bits of level 0: the whole 20-bit namespace, ID 0 included. */
export const NAMESPACE_BITS = 1 << 20;

/** Index of the lowest set bit of a non-zero 32-bit word. */
const ctz = (x: number): number => 31 - Math.clz32(x & -x);

const L0_WORDS = NAMESPACE_BITS >>> 5;
const L1_WORDS = NAMESPACE_BITS >>> 10;
const L2_WORDS = NAMESPACE_BITS >>> 15;
/** Level-0 words per chunk (one level-1 word's worth), and the chunk count. */
const CHUNK_WORDS = 32;
const CHUNKS = L0_WORDS / CHUNK_WORDS;

/** The directory of a bitmap without chunks (every slot on the zero chunk); each bitmap copies it. */
const NO_CHUNKS = Int32Array.from({ length: CHUNKS }, (_, c) => -(c << 5) | 0);
const MAX_POOL = (CHUNKS + 1) * CHUNK_WORDS;

/** Word `x` with the bits below bit `b` forced to 1 (they are not candidates). */
const fromBit = (x: number, b: number): number => x | ~(-1 << b);

export class IdBitmap {
  /** Chunk c -> its pool offset minus c*32 (see the header). */
  private readonly l0dir = NO_CHUNKS.slice();
  /** The zero chunk, then the chunks in order of first set(); `used` words in use. */
  private pool = new Int32Array(2 * CHUNK_WORDS);
  private used = CHUNK_WORDS;
  private readonly l1 = new Int32Array(L1_WORDS);
  private readonly l2 = new Int32Array(L2_WORDS);
  private taken = 0;

  constructor() {
    this.set(0);
  }

  /** Number of taken bits, ID 0 excluded. */
  get count(): number {
    return this.taken - 1;
  }

  /** Number of level-0 chunks with storage (for tests and diagnostics). */
  get chunkCount(): number {
    return this.used / CHUNK_WORDS - 1;
  }

  /** Level-0 word w0 (0..32767). */
  private word(w0: number): number {
    return this.pool[((this.l0dir[w0 >>> 5] ?? 0) + w0) | 0] ?? 0;
  }

  /** Give chunk c its own (zeroed) words; returns its new l0dir entry. */
  private addChunk(c: number): number {
    const off = this.used;
    if (off + CHUNK_WORDS > this.pool.length) {
      const grown = new Int32Array(Math.min(MAX_POOL, this.pool.length * 2));
      grown.set(this.pool);
      this.pool = grown;
    }
    this.used = off + CHUNK_WORDS;
    const bias = (off - (c << 5)) | 0;
    this.l0dir[c] = bias;
    return bias;
  }

  has(i: number): boolean {
    return (this.word(i >>> 5) & (1 << (i & 31))) !== 0;
  }

  /** Mark ID i taken (no effect if it already is). */
  set(i: number): void {
    const w0 = i >>> 5;
    const c = w0 >>> 5;
    let bias = this.l0dir[c] ?? 0;
    const x0 = this.pool[(bias + w0) | 0] ?? 0;
    const b0 = 1 << (i & 31);
    if ((x0 & b0) !== 0) return;
    if (((bias + (c << 5)) | 0) === 0) bias = this.addChunk(c);
    this.taken++;
    const y0 = x0 | b0;
    this.pool[(bias + w0) | 0] = y0;
    if (y0 !== -1) return;
    const y1 = (this.l1[c] ?? 0) | (1 << (w0 & 31));
    this.l1[c] = y1;
    if (y1 !== -1) return;
    const w2 = c >>> 5;
    this.l2[w2] = (this.l2[w2] ?? 0) | (1 << (c & 31));
  }

  /** Mark ID i free (no effect if it already is). ID 0 stays taken. */
  clear(i: number): void {
    if (i === 0) return;
    const w0 = i >>> 5;
    const c = w0 >>> 5;
    const k = ((this.l0dir[c] ?? 0) + w0) | 0;
    const x0 = this.pool[k] ?? 0;
    const b0 = 1 << (i & 31);
    if ((x0 & b0) === 0) return; // also every bit of the zero chunk: it is never written
    this.taken--;
    this.pool[k] = x0 & ~b0;
    if (x0 !== -1) return;
    const x1 = this.l1[c] ?? 0;
    this.l1[c] = x1 & ~(1 << (w0 & 31));
    if (x1 !== -1) return;
    const w2 = c >>> 5;
    this.l2[w2] = (this.l2[w2] ?? 0) & ~(1 << (c & 31));
  }

  /** Lowest free ID >= pos (pos in 0..2^20-1), or -1. */
  private firstZeroFrom(pos: number): number {
    const w0 = pos >>> 5;
    const x0 = fromBit(this.word(w0), pos & 31);
    if (x0 !== -1) return (w0 << 5) + ctz(~x0);
    // The next level-0 word that is not full, after w0: ask level 1.
    const p1 = w0 + 1;
    if (p1 >= L0_WORDS) return -1;
    const w1 = p1 >>> 5;
    const x1 = fromBit(this.l1[w1] ?? -1, p1 & 31);
    let i0: number;
    if (x1 !== -1) {
      i0 = (w1 << 5) + ctz(~x1);
    } else {
      // The next level-1 word that is not full, after w1: ask level 2 (32 words at most).
      const p2 = w1 + 1;
      if (p2 >= L1_WORDS) return -1;
      let w2 = p2 >>> 5;
      let x2 = fromBit(this.l2[w2] ?? -1, p2 & 31);
      while (x2 === -1) {
        w2++;
        if (w2 >= L2_WORDS) return -1;
        x2 = this.l2[w2] ?? -1;
      }
      const i1 = (w2 << 5) + ctz(~x2);
      i0 = (i1 << 5) + ctz(~(this.l1[i1] ?? -1));
    }
    return (i0 << 5) + ctz(~this.word(i0));
  }

  /** Lowest free ID in [min, max], or -1. */
  lowestFree(min: number, max: number): number {
    const i = this.firstZeroFrom(min);
    return i >= 0 && i <= max ? i : -1;
  }

  /** Lowest free ID in [from, max], else the lowest in [min, from - 1], or -1. */
  cyclicFree(min: number, max: number, from: number): number {
    if (from <= min || from > max) return this.lowestFree(min, max);
    const high = this.lowestFree(from, max);
    return high >= 0 ? high : this.lowestFree(min, from - 1);
  }
}
