/**
 * Property: whatever the rows say, no two labels of one lane overlap, every label stays inside
 * its lane (or the gutter, the band, the Ref column), and the whole drawing stays inside its
 * width and height. Random timelines with long and non-ASCII texts, deep nesting, extra
 * notifier columns; then every corpus trace.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { RowKind, Timeline, TimelineRow } from "../../counterexamples/show/index.js";
import { buildTimeline, CORE_COLUMN } from "../../counterexamples/show/index.js";
import { allColumns } from "../../counterexamples/show/columns.js";
import { corpus, CORPUS } from "../../counterexamples/show/fixtures.js";
import { CHAR_W, PAD, ROW_H } from "./metrics.js";
import { charCount } from "./fit.js";
import { layoutTimeline } from "./timeline-layout.js";
import type { Label, TimelineLayout } from "./timeline-layout.js";

const SEED = 1309;
const ACTORS = ["VFIO", "IOMMU", "KVM", "VDCM", "guest", "process", "watcher", "a-very-long-notifier-name-indeed", CORE_COLUMN];
const KINDS: readonly RowKind[] = ["command", "call", "delivery", "return", "teardown"];

const textArb = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: "grapheme", maxLength: 50 }), fc.constantFrom("", "free(set 1, 1)", "<- FREE 1 (gpasid 1)"));
const rowArb = fc.record({
  stepDelta: fc.nat({ max: 1 }), depth: fc.nat({ max: 7 }), kind: fc.constantFrom(...KINDS), column: fc.constantFrom(...ACTORS),
  from: fc.constantFrom(...ACTORS), to: fc.constantFrom(...ACTORS), text: textArb, effect: textArb,
  refs: fc.option(fc.record({ refs: fc.nat({ max: 9 }), state: fc.constantFrom("ALLOCATED" as const, "FREE_PENDING" as const, "gone" as const) })),
  pasid: fc.nat({ max: 3 }), diverging: fc.boolean(),
});

const timelineArb: fc.Arbitrary<Timeline> = fc.array(rowArb, { maxLength: 40 }).map((drafts) => {
  let step = 1;
  let sub = 0;
  const rows = drafts.map((d, i): TimelineRow => {
    if (i > 0 && d.stepDelta === 1) { step++; sub = 0; } else if (i > 0) sub++;
    const label = sub === 0 ? String(step) : `${step}.${sub}`;
    return {
      step, sub: sub === 0 ? null : sub, label, depth: sub === 0 ? 0 : d.depth, kind: d.kind, column: d.column, instance: null,
      from: d.from, to: d.to, text: d.text, message: d.text, effect: d.effect, pasid: d.refs === null ? null : d.pasid,
      ref: d.refs, refText: d.refs === null ? "" : String(d.refs.refs), diverging: d.diverging,
    };
  });
  const used = rows.flatMap((r) => [r.column, r.from, r.to]);
  const columns = allColumns(used);
  return { suite: "core", implementation: "spec", note: "", columns, used: columns.filter((c) => used.includes(c)), rows, steps: [], violation: null };
});

const overlaps = (a: Label, b: Label): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + ROW_H && b.y < a.y + ROW_H;

/** Every label's box, checked against its region and against the others of its region. */
const checkLayout = (l: TimelineLayout): void => {
  const region = (lane: string): readonly [number, number] => {
    if (lane === "gutter") return [0, l.gutterWidth];
    if (lane === "ref") return [l.refX, l.width];
    if (lane === "band") return [l.lanes[0]?.x ?? 0, l.lanes.find((x) => x.column === CORE_COLUMN)?.x ?? l.refX];
    const found = l.lanes.find((x) => x.column === lane);
    if (found === undefined) throw new Error(`label in unknown lane ${lane}`);
    return [found.x, found.x + found.width];
  };
  const labels = l.rows.flatMap((r) => [r.gutter, ...r.cells, ...(r.band === null ? [] : [r.band]), ...(r.ref === null ? [] : [r.ref])]);
  for (const lab of [...labels, ...l.headers]) {
    const [lo, hi] = region(lab.lane);
    expect(lab.x, `${lab.lane}: "${lab.text}"`).toBeGreaterThanOrEqual(lo);
    expect(lab.x + lab.width + PAD / 2, `${lab.lane}: "${lab.text}"`).toBeLessThanOrEqual(hi);
    expect(lab.width).toBe(charCount(lab.text) * CHAR_W);
    expect(lab.y).toBeGreaterThanOrEqual(0);
    expect(lab.y + ROW_H).toBeLessThanOrEqual(Math.max(l.height, ROW_H));
  }
  // One row's labels never overlap each other (whatever their lanes), and rows are disjoint bands.
  for (const r of l.rows) {
    const mine = [r.gutter, ...r.cells, ...(r.band === null ? [] : [r.band]), ...(r.ref === null ? [] : [r.ref])].filter((x) => x.width > 0);
    for (const [i, a] of mine.entries()) for (const b of mine.slice(i + 1)) expect(overlaps(a, b), `row ${r.gutter.full}: "${a.text}" / "${b.text}"`).toBe(false);
    for (const lab of mine) expect(lab.y).toBe(r.y);
  }
  for (const lane of new Set(labels.map((x) => x.lane))) {
    const ys = labels.filter((x) => x.lane === lane && x.width > 0).map((x) => x.y);
    expect(new Set(ys).size, `two labels on one row of ${lane}`).toBe(ys.length);
  }
  expect(l.bars.every((b) => b.y1 <= b.y2 && b.y2 <= l.height)).toBe(true);
  expect(l.plot.paths.every((p) => p.points.every(([x, y]) => x >= l.refX && x <= l.refTextX && y >= 0 && y <= l.height))).toBe(true);
};

describe("timeline labels", () => {
  it("never overlap and stay inside their lane, for random timelines", () => {
    fc.assert(fc.property(timelineArb, (t) => checkLayout(layoutTimeline(t))), { seed: SEED, numRuns: 300 });
  });

  it.each(CORPUS)("never overlap and stay inside their lane: %s", (stem) => {
    checkLayout(layoutTimeline(buildTimeline(corpus(stem))));
  });
});
