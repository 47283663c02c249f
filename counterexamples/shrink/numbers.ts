/**
 * Smaller numbers to try for a caller-chosen argument, smallest first.
 *
 * Rules:
 *  1. Each argument has a floor `lo` (the smallest value its generator draws: 0 for WQ indices,
 *     SSIDs and NULL token values, 1 for SPIDs, mms, quotas, VMs, processes, IDs and handles).
 *  2. The size of a value is the value itself when it is an integer at or above the floor; any
 *     other value (negative, fractional, below the floor) is larger than every such integer.
 *  3. The candidates for `v` are strictly smaller by rule 2 and at least the floor, in ascending
 *     order: the four values from the floor, the halving points between the floor and `v` (v/2,
 *     v/4, ... and 3v/4, 7v/8, ...) and `v - 1`; at most 24 of them. Every accepted change makes
 *     an argument strictly smaller, so renumbering terminates.
 */

/** Rule 2. */
export const sizeOf = (v: number, lo: number): number => (Number.isInteger(v) && v >= lo ? v : Number.POSITIVE_INFINITY);

/** Rule 3. */
export const smallerValues = (v: number, lo: number): readonly number[] => {
  const size = sizeOf(v, lo);
  const out = new Set<number>();
  for (let k = 0; k < 4; k++) out.add(lo + k);
  if (Number.isFinite(size)) {
    for (let gap = Math.floor((size - lo) / 2); gap > 0; gap = Math.floor(gap / 2)) {
      out.add(lo + gap);
      out.add(size - gap);
    }
    out.add(size - 1);
  }
  return [...out].filter((c) => c >= lo && c < size).sort((a, b) => a - b).slice(0, 24);
};
