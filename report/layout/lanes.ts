/**
 * The lanes of a timeline: which columns get one, in what order, how wide, and what each row
 * writes in each.
 *
 * Rules:
 *  1. One lane per actor column the table shows or a message starts or ends in (VFIO, IOMMU,
 *     KVM, VDCM always; guest, process and notifier-named columns when used), then the IOASID
 *     core; the Ref column is drawn as a plot (ref-plot.ts), not as a lane.
 *  2. A row's cell in a lane is the table's cell (counterexamples/show `cellText`); the cell in
 *     the row's own lane is indented by INDENT_CHARS per nesting level, at most MAX_INDENT_DEPTH.
 *  3. A lane's width holds its longest indented cell (and its name), clamped to
 *     [LANE_MIN_CHARS, LANE_MAX_CHARS] characters, plus PAD on each side. When the lanes want
 *     more than LANES_BUDGET_CHARS together, the widest give way first: every lane is capped at
 *     the largest width that keeps the total within the budget (never below LANE_MIN_CHARS).
 *  4. VFIO's lane is named "VFIO / VMM": the VMM issues what VFIO carries.
 */
import type { Timeline, TimelineRow } from "../../counterexamples/show/index.js";
import { REF_COLUMN, shownColumns } from "../../counterexamples/show/index.js";
import { cellText } from "../../counterexamples/show/columns.js";
import { CHAR_W, INDENT_CHARS, LANE_MAX_CHARS, LANE_MIN_CHARS, LANES_BUDGET_CHARS, MAX_INDENT_DEPTH, PAD } from "./metrics.js";
import { charCount } from "./fit.js";

/** One lane, placed. */
export interface Lane {
  readonly column: string;
  /** Rule 4. */
  readonly name: string;
  readonly x: number;
  readonly width: number;
  /** Characters of text the lane holds (its width without padding). */
  readonly chars: number;
}

/** Rule 4. */
export const laneName = (column: string): string => (column === "VFIO" ? "VFIO / VMM" : column);

/** Rule 2: characters of indentation of a row's own cell. */
export const indentChars = (r: TimelineRow): number => INDENT_CHARS * Math.min(Math.max(r.depth, 0), MAX_INDENT_DEPTH);

/** Rule 1: the lane columns, in table order. */
export const laneColumns = (t: Timeline): readonly string[] => {
  const shown = new Set([...shownColumns(t), ...t.used]);
  return t.columns.filter((c) => c !== REF_COLUMN && shown.has(c));
};

/** Rule 2: the text of `r` in lane `column`, and its indentation in characters. */
export const laneCell = (r: TimelineRow, column: string): { readonly text: string; readonly indent: number } => ({
  text: cellText(r, column),
  indent: r.column === column ? indentChars(r) : 0,
});

/** Rule 3: the largest cap (>= LANE_MIN_CHARS) with the capped widths within `budget`. */
export const budgetCap = (wanted: readonly number[], budget: number): number => {
  const total = (cap: number) => wanted.reduce((a, w) => a + Math.min(w, cap), 0);
  let cap = Math.max(LANE_MIN_CHARS, ...wanted);
  while (cap > LANE_MIN_CHARS && total(cap) > budget) cap--;
  return cap;
};

/** Rules 1 and 3: lanes placed from `x0`. */
export const placeLanes = (t: Timeline, x0: number): readonly Lane[] => {
  const columns = laneColumns(t);
  const want = new Map<string, number>(columns.map((c) => [c, charCount(laneName(c))]));
  for (const r of t.rows) {
    if (r.kind === "teardown") continue;
    for (const c of columns) {
      const { text, indent } = laneCell(r, c);
      if (text === "") continue;
      const n = indent + charCount(text);
      if (n > (want.get(c) ?? 0)) want.set(c, n);
    }
  }
  const wanted = columns.map((c) => Math.min(LANE_MAX_CHARS, Math.max(LANE_MIN_CHARS, want.get(c) ?? 0)));
  const cap = budgetCap(wanted, LANES_BUDGET_CHARS);
  let x = x0;
  return columns.map((column, i) => {
    const chars = Math.min(cap, wanted[i] ?? LANE_MIN_CHARS);
    const width = chars * CHAR_W + 2 * PAD;
    const lane = { column, name: laneName(column), x, width, chars };
    x += width;
    return lane;
  });
};
