/**
 * A Timeline as a fixed-width text table, like the design document's step tables.
 *
 * Rules:
 *  1. One column per shown column (columns.ts), after the step label; nested rows indent their
 *     label. A cell wider than `width` (default 40) wraps onto continuation lines.
 *  2. Rows of the diverging step start with `>>` (others with two spaces) and, with `color`,
 *     are in ANSI inverse video.
 *  3. A teardown row is a band across the actor columns, as the design marks phases
 *     ("-------- GUEST STARTS DMA --------").
 *  4. The table is preceded by a title line and followed by the violation text.
 */
import type { Timeline, TimelineRow } from "./types.js";
import { CORE_COLUMN, REF_COLUMN } from "./types.js";
import { cellText, shownColumns } from "./columns.js";

/** Options of renderTable. */
export interface TableOptions {
  readonly color: boolean;
  /** Widest cell before wrapping (rule 1). */
  readonly width?: number;
}

const INVERSE = "\u001b[7m";
const NO_INVERSE = "\u001b[27m";

/** Split `text` into lines of at most `width` characters, at spaces where possible. */
export const wrap = (text: string, width: number): readonly string[] => {
  const out: string[] = [];
  for (const para of text.split("\n")) {
    let line = "";
    for (const word of para.split(" ")) {
      let w = word;
      while (w.length > width) {
        if (line !== "") out.push(line);
        out.push(w.slice(0, width));
        line = "";
        w = w.slice(width);
      }
      if (line === "") line = w;
      else if (line.length + 1 + w.length <= width) line = `${line} ${w}`;
      else {
        out.push(line);
        line = w;
      }
    }
    out.push(line);
  }
  return out;
};

const labelOf = (r: TimelineRow): string => `${"  ".repeat(r.sub === null ? 0 : Math.min(Math.max(r.depth, 1), 4))}${r.label}`;

/** The violation text (rule 4). */
export const violationText = (t: Timeline): string => {
  const v = t.violation;
  if (v === null) return "no violation recorded";
  const where = v.at === null ? `step ${v.step + 1} (no such row)` : v.at === "teardown" ? "the teardown / leak check" : `step ${v.at}`;
  return [`violation at ${where} (${v.kind}):`, ...v.detail.split("\n").map((l) => `  ${l}`)].join("\n");
};

/** The largest of `start` and `xs`, without spreading (a 100,000-step trace has more rows than a call takes arguments). */
const maxOf = (start: number, xs: Iterable<number>): number => {
  let m = start;
  for (const x of xs) if (x > m) m = x;
  return m;
};

/** Rules 1 to 4. */
export const renderTable = (t: Timeline, opts: TableOptions): string => {
  const width = Math.max(8, opts.width ?? 40);
  const cols = shownColumns(t);
  const bandRow = (r: TimelineRow): boolean => r.kind === "teardown";
  const labelWidth = maxOf(4, t.rows.map((r) => labelOf(r).length));
  const widths = cols.map((c) => Math.min(width, maxOf(c.length, t.rows.filter((r) => !bandRow(r)).flatMap((r) => wrap(cellText(r, c), width).map((l) => l.length)))));
  const pad = (s: string, n: number): string => s + " ".repeat(Math.max(0, n - s.length));
  const line = (marker: string, label: string, cells: readonly string[]): string =>
    `${marker} ${pad(label, labelWidth)} | ${cells.map((c, i) => pad(c, widths[i] ?? 0)).join(" | ")}`.trimEnd();
  const inner = widths.reduce((a, b) => a + b, 0) + 3 * (widths.length - 1);
  const out: string[] = [`${t.suite} trace on ${t.implementation}`];
  if (t.note !== "") for (const l of wrap(`note: ${t.note}`, 100)) out.push(l);
  out.push("");
  out.push(line("  ", "step", cols));
  out.push(`   ${"-".repeat(labelWidth)}-+-${widths.map((w) => "-".repeat(w)).join("-+-")}`);
  for (const r of t.rows) {
    const marker = r.diverging ? ">>" : "  ";
    let lines: string[];
    if (bandRow(r)) {
      const title = ` ${r.text} `;
      const side = Math.max(4, Math.floor((inner - title.length) / 2));
      lines = [line(marker, r.label, [`${"-".repeat(side)}${title}${"-".repeat(side)}`])];
      if (r.effect !== "" || r.refText !== "") lines.push(line(marker, "", cols.map((c) => (c === CORE_COLUMN ? r.effect : c === REF_COLUMN ? r.refText : ""))));
    } else {
      const cells = cols.map((c) => wrap(cellText(r, c), width));
      const height = maxOf(0, cells.map((c) => c.length));
      lines = Array.from({ length: height }, (_, k) => line(k === 0 ? marker : r.diverging ? ">>" : "  ", k === 0 ? labelOf(r) : "", cells.map((c) => c[k] ?? "")));
    }
    for (const l of lines) out.push(opts.color && r.diverging ? `${INVERSE}${l}${NO_INVERSE}` : l);
  }
  out.push("", violationText(t));
  return out.join("\n");
};
