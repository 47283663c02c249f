/**
 * The layout of a swimlane timeline: where every label, arrow, nesting bar and plot point goes.
 * A pure function of the Timeline (counterexamples/show), so it is unit-tested without a browser.
 *
 * Rules:
 *  1. Left to right: the step gutter (row labels, indented by nesting as the text table does),
 *     the lanes (lanes.ts), the Ref plot and its value column (ref-plot.ts).
 *  2. Row i spans [i * ROW_H, (i + 1) * ROW_H); every label of the row sits in that band, one
 *     per lane at most, fitted to its room (fit.ts) and keeping its full text for a tooltip.
 *  3. A row whose actor differs from its message's other end gets an arrow along the row's
 *     bottom, from the sender's lane to the receiver's lane.
 *  4. A row with nested rows after it (a call's deliveries, a delivery's handler calls) gets a
 *     bar in its lane from its own row down to its last nested row: nested calls sit inside
 *     their delivery.
 *  5. A teardown row is a band across the actor lanes; its core effect stays in the core lane.
 *  6. Steps alternate their shade; the rows of the diverging step are marked.
 *  7. The Ref value column writes a count where it changes (another PASID, another count or
 *     state), as "2", "1 pend" (FREE_PENDING) or "0"; the plot shows it on every row.
 */
import type { RowKind, Timeline, TimelineRow } from "../../counterexamples/show/index.js";
import { CORE_COLUMN } from "../../counterexamples/show/index.js";
import { CHAR_W, GUTTER_MAX_CHARS, GUTTER_MIN_CHARS, INDENT_CHARS, MAX_INDENT_DEPTH, PAD, REF_PLOT_W, REF_TEXT_CHARS, ROW_H } from "./metrics.js";
import { charCount, fit } from "./fit.js";
import type { Lane } from "./lanes.js";
import { laneCell, placeLanes } from "./lanes.js";
import type { RefPlot } from "./ref-plot.js";
import { plotRefs } from "./ref-plot.js";

/** A placed label: its box is [x, x + width] x [y, y + ROW_H]. */
export interface Label {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  /** What is drawn (fitted). */
  readonly text: string;
  /** The whole text (shown as a tooltip when cut). */
  readonly full: string;
  /** The lane column, or "gutter", "band", "ref". */
  readonly lane: string;
}

/** Rule 3. */
export interface Arrow {
  readonly x1: number;
  readonly x2: number;
  readonly y: number;
  readonly kind: RowKind;
}

/** Rule 4. */
export interface Bar {
  readonly lane: string;
  readonly x: number;
  readonly y1: number;
  readonly y2: number;
}

/** One row, placed. */
export interface RowLayout {
  readonly index: number;
  readonly y: number;
  readonly step: number;
  readonly kind: RowKind;
  readonly diverging: boolean;
  /** Rule 6. */
  readonly shaded: boolean;
  readonly stepStart: boolean;
  readonly gutter: Label;
  readonly cells: readonly Label[];
  readonly band: Label | null;
  readonly arrow: Arrow | null;
  readonly ref: Label | null;
}

/** The whole drawing. */
export interface TimelineLayout {
  readonly width: number;
  readonly height: number;
  readonly gutterWidth: number;
  readonly lanes: readonly Lane[];
  readonly refX: number;
  readonly refTextX: number;
  /** The header's labels (lane names, "step", "Ref"), at y 0 of the header. */
  readonly headers: readonly Label[];
  readonly rows: readonly RowLayout[];
  readonly bars: readonly Bar[];
  readonly plot: RefPlot;
  /** Indexes of the first and last diverging rows. */
  readonly diverging: { readonly first: number; readonly last: number } | null;
}

/** Room left of the gutter labels for the diverging marker. */
export const MARK_W = 12;

const gutterIndent = (r: TimelineRow): number => (r.sub === null ? 0 : INDENT_CHARS * Math.min(Math.max(r.depth, 1), MAX_INDENT_DEPTH));

const label = (x: number, y: number, room: number, full: string, lane: string): Label => {
  const text = fit(full, room);
  return { x, y, width: charCount(text) * CHAR_W, text, full, lane };
};

/** The Ref value column's short text: "2", "1 pend" (FREE_PENDING), "0" (reclaimed). */
export const shortRef = (r: TimelineRow): string => (r.ref === null ? "" : `${r.ref.refs}${r.ref.state === "FREE_PENDING" ? " pend" : ""}`);

/** Rule 4: the nesting bars. */
const nestingBars = (rows: readonly TimelineRow[], laneOf: ReadonlyMap<string, Lane>): readonly Bar[] => {
  const bars: Bar[] = [];
  const stack: { index: number; depth: number; last: number }[] = [];
  const closeBar = (o: { index: number; depth: number; last: number }): void => {
    const r = rows[o.index];
    const lane = r === undefined ? undefined : laneOf.get(r.column);
    if (r === undefined || lane === undefined || o.last <= o.index) return;
    const x = lane.x + PAD + INDENT_CHARS * Math.min(Math.max(r.depth, 0), MAX_INDENT_DEPTH) * CHAR_W + CHAR_W / 2;
    bars.push({ lane: lane.column, x, y1: o.index * ROW_H + ROW_H - 2, y2: o.last * ROW_H + ROW_H / 2 });
  };
  rows.forEach((r, i) => {
    const depth = r.kind === "teardown" ? 0 : r.depth;
    while (stack.length > 0 && (stack.at(-1)?.depth ?? -1) >= depth) {
      const o = stack.pop();
      if (o !== undefined) closeBar(o);
    }
    for (const o of stack) o.last = i;
    stack.push({ index: i, depth, last: i });
  });
  while (stack.length > 0) {
    const o = stack.pop();
    if (o !== undefined) closeBar(o);
  }
  return bars;
};

/** Rules 1 to 7. */
export const layoutTimeline = (t: Timeline): TimelineLayout => {
  const gutterChars = Math.min(GUTTER_MAX_CHARS, t.rows.reduce((m, r) => Math.max(m, gutterIndent(r) + charCount(r.label)), GUTTER_MIN_CHARS));
  const gutterWidth = MARK_W + gutterChars * CHAR_W + 2 * PAD;
  const lanes = placeLanes(t, gutterWidth);
  const laneOf = new Map(lanes.map((l) => [l.column, l]));
  const lastLane = lanes.at(-1);
  const refX = lastLane === undefined ? gutterWidth : lastLane.x + lastLane.width;
  const refTextX = refX + REF_PLOT_W;
  const width = refTextX + REF_TEXT_CHARS * CHAR_W + 2 * PAD;
  const core = laneOf.get(CORE_COLUMN);
  const actorEnd = core?.x ?? refX;
  let shaded = true;
  let lastRef: { pasid: number | null; text: string } = { pasid: null, text: "" };
  const rows = t.rows.map((r, i): RowLayout => {
    const y = i * ROW_H;
    const stepStart = i === 0 || t.rows[i - 1]?.step !== r.step;
    if (stepStart) shaded = !shaded;
    const gi = gutterIndent(r);
    const gutter = label(MARK_W + PAD + gi * CHAR_W, y, gutterChars - gi, r.label, "gutter");
    const teardown = r.kind === "teardown";
    const first = lanes[0];
    const band = teardown && first !== undefined ? label(first.x + PAD, y, Math.floor((actorEnd - first.x - 2 * PAD) / CHAR_W), r.text, "band") : null;
    const cells: Label[] = [];
    for (const lane of lanes) {
      if (teardown && lane.column !== CORE_COLUMN) continue;
      const { text, indent } = teardown ? { text: r.effect, indent: 0 } : laneCell(r, lane.column);
      if (text === "") continue;
      cells.push(label(lane.x + PAD + indent * CHAR_W, y, lane.chars - indent, text, lane.column));
    }
    const from = laneOf.get(r.from);
    const to = laneOf.get(r.to);
    const arrow = !teardown && from !== undefined && to !== undefined && from !== to
      ? { x1: from.x + PAD / 2, x2: to.x + PAD / 2, y: y + ROW_H - 1.5, kind: r.kind }
      : null;
    const short = shortRef(r);
    const shown = short === "" || (r.pasid === lastRef.pasid && short === lastRef.text) ? "" : short;
    if (short !== "") lastRef = { pasid: r.pasid, text: short };
    const ref = shown === "" ? null : label(refTextX + PAD, y, REF_TEXT_CHARS, shown, "ref");
    return { index: i, y, step: r.step, kind: r.kind, diverging: r.diverging, shaded, stepStart, gutter, cells, band, arrow, ref };
  });
  const headers = [
    label(MARK_W + PAD, 0, gutterChars, "step", "gutter"),
    ...lanes.map((l) => label(l.x + PAD, 0, l.chars, l.name, l.column)),
    label(refX + PAD, 0, Math.floor((width - refX - 2 * PAD) / CHAR_W), "Ref", "ref"),
  ];
  const firstDiv = t.rows.findIndex((r) => r.diverging);
  const lastDiv = t.rows.findLastIndex((r) => r.diverging);
  return {
    width, height: t.rows.length * ROW_H, gutterWidth, lanes, refX, refTextX, headers, rows,
    bars: nestingBars(t.rows, laneOf),
    plot: plotRefs(t.rows, { x: refX, width: REF_PLOT_W, rowMid: (i) => i * ROW_H + ROW_H / 2 }),
    diverging: firstDiv < 0 ? null : { first: firstDiv, last: lastDiv },
  };
};
