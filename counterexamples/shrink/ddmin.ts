/**
 * Delta debugging (Zeller's ddmin) over the command list of a trace, keeping its failure class.
 *
 * Rules:
 *  1. Split the current steps into n chunks (halves first): keep a chunk alone if it keeps the
 *     class, else drop a chunk if the rest keeps it; if neither, double n up to single commands.
 *  2. Then remove single commands one by one until none can go: the result is 1-minimal (no one
 *     command can be removed without losing the class).
 *  3. No generator context is needed, so every trace works (hand-written, converted logs). Candidates
 *     are plain sub-traces replayed as stored traces (oracle.ts rule 1).
 *  4. The result is materialized (materialize.ts): its commands are the ones that ran.
 */
import type { Trace } from "../trace.js";
import type { Oracle } from "./oracle.js";
import { allSteps, withSteps } from "./steps.js";
import { materialize } from "./materialize.js";

/** `xs` cut into `n` contiguous chunks of near-equal size (none empty). */
const chunks = <T>(xs: readonly T[], n: number): readonly (readonly T[])[] => {
  const out: T[][] = [];
  let start = 0;
  for (let k = 0; k < n; k++) {
    const end = Math.round(((k + 1) * xs.length) / n);
    if (end > start) out.push(xs.slice(start, end));
    start = end;
  }
  return out;
};

/** Rule 1 over any list. */
export const ddmin = <T>(items: readonly T[], keeps: (subset: readonly T[]) => boolean): readonly T[] => {
  let cur = items;
  let n = 2;
  while (cur.length >= 2) {
    const parts = chunks(cur, n);
    const alone = parts.find((p) => p.length < cur.length && keeps(p));
    if (alone !== undefined) {
      cur = alone;
      n = 2;
      continue;
    }
    const i = parts.findIndex((_, k) => keeps(parts.filter((__, j) => j !== k).flat()));
    if (i >= 0) {
      cur = parts.filter((_, j) => j !== i).flat();
      n = Math.max(n - 1, 2);
      continue;
    }
    if (n >= cur.length) break;
    n = Math.min(cur.length, 2 * n);
  }
  return cur;
};

/** Rule 2 over any list. */
export const oneByOne = <T>(items: readonly T[], keeps: (subset: readonly T[]) => boolean): readonly T[] => {
  let cur = items;
  let changed = true;
  while (changed) {
    changed = false;
    for (let k = 0; k < cur.length; k++) {
      const without = cur.filter((_, j) => j !== k);
      if (keeps(without)) {
        cur = without;
        changed = true;
        break;
      }
    }
  }
  return cur;
};

/** Rules 1 to 4 on a trace (which must keep the oracle's class). */
export const ddminTrace = (t: Trace, oracle: Oracle): Trace => {
  const keeps = (steps: readonly number[]) => oracle.keeps(withSteps(t, steps));
  const kept = oneByOne(ddmin(allSteps(t), keeps), keeps);
  const out = withSteps(t, kept);
  return materialize(out, oracle.run(out));
};
