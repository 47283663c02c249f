/**
 * A TimelineLayout drawn as inline SVG, in chunks of rows so a long trace stays fast to show.
 *
 * Rules:
 *  1. The timeline is a scrolling box: a sticky header row (lane names) and a sticky step gutter
 *     on the left, so labels stay readable when scrolled either way.
 *  2. Rows are drawn in chunks of CHUNK_ROWS, each its own pair of SVGs (gutter, body) using the
 *     layout's coordinates through its viewBox; a chunk is `content-visibility: auto`, so the
 *     browser lays out and paints only the chunks on screen. Shapes that span chunks (nesting
 *     bars, Ref paths) are clipped to each chunk.
 *  3. A label whose text was cut carries its full text as an SVG <title> (a tooltip).
 *  4. The diverging rows get a band, a marker in the gutter and an anchor `#<id>-diverge`.
 *  5. Shapes of one kind in one chunk (arrows of a kind with their heads, step separators,
 *     nesting bars, one PASID's Ref paths) are one SVG element, to keep the page's node count
 *     low for long traces.
 */
import type { Bar, Label, TimelineLayout } from "../layout/timeline-layout.js";
import type { RefMark, RefPath } from "../layout/ref-plot.js";
import { clipPoints } from "../layout/ref-plot.js";
import { BASELINE, HEADER_H, ROW_H } from "../layout/metrics.js";
import { esc, num } from "./escape.js";

/** Rows per chunk (rule 2). */
export const CHUNK_ROWS = 200;

/** Rule 3. */
const text = (l: Label, cls: string): string => {
  if (l.text === "") return "";
  const tip = l.text === l.full ? "" : `<title>${esc(l.full)}</title>`;
  return `<text class="${cls}" x="${num(l.x)}" y="${num(l.y + BASELINE)}">${tip}${esc(l.text)}</text>`;
};

const svg = (cls: string, x: number, y: number, w: number, h: number, body: string): string =>
  `<svg class="${cls}" width="${num(w)}" height="${num(h)}" viewBox="${num(x)} ${num(y)} ${num(w)} ${num(h)}">${body}</svg>`;

/** Rule 1: the header row. */
const header = (l: TimelineLayout): string => {
  const [gutterHead, ...rest] = l.headers;
  const lanes = l.lanes.map((lane, i) => `<rect class="lane-h lane-${i % 2}" x="${num(lane.x)}" y="0" width="${num(lane.width)}" height="${HEADER_H}"/>`).join("");
  const labels = rest.map((h) => text({ ...h, y: (HEADER_H - ROW_H) / 2 }, "lh")).join("");
  const gutter = gutterHead === undefined ? "" : text({ ...gutterHead, y: (HEADER_H - ROW_H) / 2 }, "lh");
  return `<div class="tl-head">${svg("tl-gutter", 0, 0, l.gutterWidth, HEADER_H, gutter)}${svg("tl-body", l.gutterWidth, 0, l.width - l.gutterWidth, HEADER_H, lanes + labels)}</div>`;
};

/** The spanning shapes that reach one chunk (rule 2). */
interface Spanning {
  readonly bars: Bar[];
  readonly paths: RefPath[];
  readonly marks: RefMark[];
}

/** Sort the spanning shapes into the chunks their y range reaches. */
const byChunk = (l: TimelineLayout, count: number): readonly Spanning[] => {
  const out: Spanning[] = Array.from({ length: count }, () => ({ bars: [], paths: [], marks: [] }));
  const h = CHUNK_ROWS * ROW_H;
  const each = (y1: number, y2: number, put: (s: Spanning) => void): void => {
    const last = Math.min(count - 1, Math.floor(y2 / h));
    for (let i = Math.max(0, Math.floor(y1 / h)); i <= last; i++) {
      const s = out[i];
      if (s !== undefined) put(s);
    }
  };
  for (const b of l.bars) each(b.y1, b.y2, (s) => s.bars.push(b));
  for (const p of l.plot.paths) each(p.points[0]?.[1] ?? 0, p.points.at(-1)?.[1] ?? 0, (s) => s.paths.push(p));
  for (const m of l.plot.marks) each(m.y, m.y, (s) => s.marks.push(m));
  return out;
};

/** One chunk of rows [from, to). */
const chunk = (l: TimelineLayout, id: string, from: number, to: number, spanning: Spanning): string => {
  const y0 = from * ROW_H;
  const h = (to - from) * ROW_H;
  const y1 = y0 + h;
  const rows = l.rows.slice(from, to);
  const g: string[] = [];
  const b: string[] = [];
  for (const [i, lane] of l.lanes.entries()) b.push(`<rect class="lane lane-${i % 2}" x="${num(lane.x)}" y="${y0}" width="${num(lane.width)}" height="${h}"/>`);
  b.push(`<rect class="lane refbg" x="${num(l.refX)}" y="${y0}" width="${num(l.width - l.refX)}" height="${h}"/>`);
  let k = 0;
  while (k < rows.length) {
    const first = rows[k];
    let end = k + 1;
    while (end < rows.length && rows[end]?.step === first?.step) end++;
    if (first !== undefined && first.shaded) {
      const rect = `x="0" y="${first.y}" width="${num(l.width)}" height="${(end - k) * ROW_H}"`;
      g.push(`<rect class="shade" ${rect}/>`);
      b.push(`<rect class="shade" ${rect}/>`);
    }
    k = end;
  }
  const seps: string[] = [];
  for (const r of rows) {
    if (r.diverging) {
      g.push(`<rect class="div" x="0" y="${r.y}" width="${num(l.gutterWidth)}" height="${ROW_H}"/><text class="mark" x="2" y="${r.y + BASELINE}">▶</text>`);
      b.push(`<rect class="div" x="${num(l.gutterWidth)}" y="${r.y}" width="${num(l.width - l.gutterWidth)}" height="${ROW_H}"/>`);
    }
    if (r.stepStart && r.index > 0) seps.push(`M${num(l.gutterWidth)} ${r.y}H${num(l.width)}`);
  }
  if (seps.length > 0) b.push(`<path class="sep" d="${seps.join("")}"/>`);
  const bars = spanning.bars.map((bar) => `M${num(bar.x)} ${num(Math.max(bar.y1, y0))}V${num(Math.min(bar.y2, y1))}`);
  if (bars.length > 0) b.push(`<path class="bar" d="${bars.join("")}"/>`);
  const arrows = new Map<string, string[]>();
  const coreX = l.lanes.find((x) => x.column === "IOASID core")?.x ?? l.refX;
  for (const r of rows) {
    g.push(text(r.gutter, r.stepStart ? "gl step" : "gl"));
    const a = r.arrow;
    if (a !== null) {
      const dir = a.x2 >= a.x1 ? 1 : -1;
      const d = `M${num(a.x1)} ${num(a.y)}H${num(a.x2)}M${num(a.x2)} ${num(a.y)}l${-6 * dir} -3v6z`;
      const list = arrows.get(a.kind);
      if (list === undefined) arrows.set(a.kind, [d]);
      else list.push(d);
    }
    if (r.band !== null) b.push(`<path class="band" d="M${num(r.band.x)} ${r.y + ROW_H / 2}H${num(coreX)}"/>${text(r.band, "bt")}`);
    for (const c of r.cells) b.push(text(c, c.lane === "IOASID core" ? "ct" : "t"));
    if (r.ref !== null) b.push(text(r.ref, "rt"));
  }
  for (const [kind, ds] of arrows) b.push(`<path class="ar ${kind}" d="${ds.join("")}"/>`);
  const series = new Map<number, string[]>();
  const add = (pasid: number, shape: string): void => {
    const list = series.get(pasid);
    if (list === undefined) series.set(pasid, [shape]);
    else list.push(shape);
  };
  for (const p of spanning.paths) {
    const pts = clipPoints(p.points, y0, y1);
    if (pts.length < 2) continue;
    add(p.pasid, `<polyline class="rf${p.pending ? " pend" : ""}" points="${pts.map(([x, y]) => `${num(x)},${num(y)}`).join(" ")}"/>`);
  }
  for (const m of spanning.marks) {
    add(m.pasid, `<circle class="rm" cx="${num(m.x)}" cy="${num(m.y)}" r="3"/>`);
  }
  for (const [pasid, shapes] of series) b.push(`<g class="c${pasid % 6}"><title>PASID ${pasid}</title>${shapes.join("")}</g>`);
  const d = l.diverging;
  const anchor = d !== null && d.first >= from && d.first < to
    ? `<div class="anchor" id="${esc(id)}-diverge" style="top:${d.first * ROW_H - y0}px;height:${(d.last - d.first + 1) * ROW_H}px"></div>` : "";
  return `<div class="tl-chunk" style="height:${h}px;contain-intrinsic-size:auto ${num(l.width)}px auto ${h}px">${anchor}`
    + `${svg("tl-gutter", 0, y0, l.gutterWidth, h, g.join(""))}${svg("tl-body", l.gutterWidth, y0, l.width - l.gutterWidth, h, b.join(""))}</div>`;
};

/** Rules 1 to 4: the timeline's HTML, its anchors prefixed with `id`. */
export const timelineHtml = (l: TimelineLayout, id: string): string => {
  const chunks: string[] = [];
  const spanning = byChunk(l, Math.ceil(l.rows.length / CHUNK_ROWS));
  for (const [i, s] of spanning.entries()) chunks.push(chunk(l, id, i * CHUNK_ROWS, Math.min(l.rows.length, (i + 1) * CHUNK_ROWS), s));
  const div = l.diverging === null ? "" : ` data-diverge="${esc(id)}-diverge"`;
  return `<div class="timeline" id="${esc(id)}-timeline"${div}><div class="tl-inner" style="width:${num(l.width)}px">${header(l)}${chunks.join("")}</div></div>`;
};
