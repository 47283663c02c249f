/**
 * The Ref column as a step plot: per PASID, its reference count over the rows, time going down.
 *
 * Rules:
 *  1. A row that reports a PASID's reference count (a Ref cell) is a point of that PASID's
 *     series at the row's middle; x grows with the count, from 0 at the plot's left to the
 *     largest count of the trace at its right.
 *  2. Between two points the count holds (a vertical run), then steps to the new value (a
 *     horizontal run) on the later row.
 *  3. A path has one style: it is split where the ID becomes FREE_PENDING (drawn dashed after
 *     that). A reclaim ("gone") ends the series' life in the current style, with a mark; a
 *     later point of the same number starts a new life, except another "gone" (nothing to draw).
 *  4. `clipPoints` keeps the part of a path inside a vertical window, plus one point either
 *     side, so each chunk of a long timeline draws only its own segments.
 */
import type { RefView, TimelineRow } from "../../counterexamples/show/index.js";

/** A point of a plot. */
export type Point = readonly [x: number, y: number];

/** One styled path of one PASID's series. */
export interface RefPath {
  readonly pasid: number;
  /** Rule 3: dashed when the ID is FREE_PENDING. */
  readonly pending: boolean;
  readonly points: readonly Point[];
}

/** A reclaim mark (rule 3). */
export interface RefMark {
  readonly pasid: number;
  readonly x: number;
  readonly y: number;
}

/** The plot of a timeline. */
export interface RefPlot {
  /** The largest count (at least 1). */
  readonly max: number;
  readonly paths: readonly RefPath[];
  readonly marks: readonly RefMark[];
}

/** Where the plot sits: its left edge, width, and each row's middle. */
export interface PlotFrame {
  readonly x: number;
  readonly width: number;
  readonly rowMid: (row: number) => number;
}

const INSET = 5;

/** Rule 1: the x of a count. */
export const refX = (frame: PlotFrame, max: number, refs: number): number =>
  frame.x + INSET + (Math.max(0, refs) / Math.max(1, max)) * (frame.width - 2 * INSET);

interface Open {
  pending: boolean;
  points: Point[];
  lastX: number;
}

/** Rules 1 to 3. */
export const plotRefs = (rows: readonly TimelineRow[], frame: PlotFrame): RefPlot => {
  const max = rows.reduce((m, r) => Math.max(m, r.ref?.refs ?? 0), 1);
  const open = new Map<number, Open>();
  const paths: RefPath[] = [];
  const marks: RefMark[] = [];
  const close = (pasid: number, o: Open): void => {
    if (o.points.length > 1) paths.push({ pasid, pending: o.pending, points: o.points });
  };
  rows.forEach((r, i) => {
    const ref: RefView | null = r.ref;
    if (ref === null || r.pasid === null) return;
    const x = refX(frame, max, ref.refs);
    const y = frame.rowMid(i);
    const pending = ref.state === "FREE_PENDING";
    const o = open.get(r.pasid);
    if (o === undefined && ref.state === "gone") return; // still gone: nothing to draw
    let cur: Open;
    if (o === undefined) {
      cur = { pending, points: [[x, y]], lastX: x };
    } else {
      o.points.push([o.lastX, y]);
      if (o.pending === pending || ref.state === "gone") {
        o.points.push([x, y]);
        cur = o;
      } else {
        close(r.pasid, o);
        cur = { pending, points: [[o.lastX, y], [x, y]], lastX: x };
      }
    }
    cur.lastX = x;
    if (ref.state === "gone") {
      if (cur.points.length === 1) cur.points.push([x, y]);
      close(r.pasid, cur);
      open.delete(r.pasid);
      marks.push({ pasid: r.pasid, x, y });
    } else {
      open.set(r.pasid, cur);
    }
  });
  for (const [pasid, o] of open) {
    if (o.points.length === 1) {
      const [x, y] = o.points[0] ?? [0, 0];
      o.points.push([x, y]);
    }
    close(pasid, o);
  }
  return { max, paths, marks };
};

/** The first index whose point has y >= `y` (points sorted by y). */
const firstAtOrBelow = (points: readonly Point[], y: number): number => {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((points[mid]?.[1] ?? Infinity) < y) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

/** Rule 4: the points of `points` (sorted by y) that draw inside [y0, y1]. */
export const clipPoints = (points: readonly Point[], y0: number, y1: number): readonly Point[] => {
  if (points.length === 0) return points;
  const from = Math.max(0, firstAtOrBelow(points, y0) - 1);
  const to = Math.min(points.length, firstAtOrBelow(points, y1 + 1e-9) + 1);
  return points.slice(from, to);
};
