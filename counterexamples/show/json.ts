/**
 * A Timeline as plain JSON-able data: the shown columns, one object per table row with its
 * non-empty cells, the steps and the violation. Every value is a string, number, boolean,
 * null, array or plain object, so JSON.stringify/parse gives it back equal.
 */
import type { RefView, RowKind, Timeline, TimelineStep, TimelineViolation } from "./types.js";
import { cellText, shownColumns } from "./columns.js";

/** One row as data. */
export interface RowJson {
  readonly step: string;
  readonly kind: RowKind;
  readonly depth: number;
  readonly column: string;
  readonly instance: string | null;
  readonly from: string;
  readonly to: string;
  readonly cells: Readonly<Record<string, string>>;
  readonly pasid: number | null;
  readonly ref: RefView | null;
  readonly diverging: boolean;
}

/** A Timeline as data. */
export interface TimelineJson {
  readonly suite: "core" | "system";
  readonly implementation: string;
  readonly note: string;
  readonly columns: readonly string[];
  readonly rows: readonly RowJson[];
  readonly steps: readonly TimelineStep[];
  readonly violation: TimelineViolation | null;
}

/** The timeline as data (one entry in `rows` per table row). */
export const renderJson = (t: Timeline): TimelineJson => {
  const columns = shownColumns(t);
  return {
    suite: t.suite,
    implementation: t.implementation,
    note: t.note,
    columns: [...columns],
    rows: t.rows.map((r) => ({
      step: r.label,
      kind: r.kind,
      depth: r.depth,
      column: r.column,
      instance: r.instance,
      from: r.from,
      to: r.to,
      cells: Object.fromEntries(columns.flatMap((c) => {
        const text = cellText(r, c);
        return text === "" ? [] : [[c, text]];
      })),
      pasid: r.pasid,
      ref: r.ref === null ? null : { refs: r.ref.refs, state: r.ref.state },
      diverging: r.diverging,
    })),
    steps: t.steps.map((s) => ({ ...s })),
    violation: t.violation === null ? null : { ...t.violation },
  };
};
