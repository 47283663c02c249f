/**
 * The timeline layout by hand on small traces: lanes, indentation, arrows, nesting bars, the
 * Ref step plot, the diverging rows; and fitting and clipping on their own.
 */
import { describe, expect, it } from "vitest";
import { buildTimeline } from "../../counterexamples/show/index.js";
import { corpus, NESTED_TRACE, REF_TRACE } from "../../counterexamples/show/fixtures.js";
import { charCount, fit } from "./fit.js";
import { CHAR_W, INDENT_CHARS, LANES_BUDGET_CHARS, PAD, ROW_H } from "./metrics.js";
import { budgetCap } from "./lanes.js";
import { clipPoints } from "./ref-plot.js";
import type { Point } from "./ref-plot.js";
import { layoutTimeline } from "./timeline-layout.js";
import type { TimelineLayout } from "./timeline-layout.js";

const rowOf = (l: TimelineLayout, label: string) => {
  const r = l.rows.find((x) => x.gutter.full === label);
  if (r === undefined) throw new Error(`no row ${label}`);
  return r;
};
const laneOf = (l: TimelineLayout, column: string) => {
  const lane = l.lanes.find((x) => x.column === column);
  if (lane === undefined) throw new Error(`no lane ${column}`);
  return lane;
};

describe("fit", () => {
  it("keeps a text that fits, cuts a longer one with an ellipsis within the room", () => {
    expect(fit("free(set 1, 1)", 14)).toBe("free(set 1, 1)");
    expect(fit("free(set 1, 1)", 8)).toBe("free(se…");
    expect(charCount(fit("free(set 1, 1)", 8))).toBe(8);
    expect(fit("abc", 0)).toBe("");
    expect(fit("→→→→", 3)).toBe("→→…");
    expect(charCount("→ é")).toBe(3);
  });
});

describe("layoutTimeline", () => {
  const nested = layoutTimeline(buildTimeline(NESTED_TRACE));

  it("puts one lane per shown actor column, then the IOASID core, VFIO named VFIO / VMM", () => {
    expect(nested.lanes.map((l) => l.name)).toEqual(["VFIO / VMM", "IOMMU", "KVM", "VDCM", "IOASID core"]);
    for (const [a, b] of nested.lanes.slice(1).map((l, i) => [nested.lanes[i], l] as const)) expect(b.x).toBe((a?.x ?? 0) + (a?.width ?? 0));
    expect(nested.lanes[0]?.x).toBe(nested.gutterWidth);
    expect(nested.refX).toBe((nested.lanes.at(-1)?.x ?? 0) + (nested.lanes.at(-1)?.width ?? 0));
    expect(nested.headers.map((h) => h.text)).toEqual(["step", "VFIO / VMM", "IOMMU", "KVM", "VDCM", "IOASID core", "Ref"]);
  });

  it("gives each row its own band and indents nested rows within their lane", () => {
    expect(nested.rows.map((r) => r.y)).toEqual(nested.rows.map((_, i) => i * ROW_H));
    const kvm = laneOf(nested, "KVM");
    const delivery = rowOf(nested, "5.1");
    const handlerCall = rowOf(nested, "5.2");
    expect(delivery.cells.find((c) => c.lane === "KVM")).toMatchObject({ text: "<- BIND 1", x: kvm.x + PAD + INDENT_CHARS * CHAR_W });
    expect(handlerCall.cells.find((c) => c.lane === "KVM")?.x).toBe(kvm.x + PAD + 2 * INDENT_CHARS * CHAR_W);
    expect(handlerCall.gutter.x).toBeGreaterThan(rowOf(nested, "5").gutter.x);
  });

  it("draws a delivery's arrow from the core's lane to the receiver's, and none for an own action", () => {
    const core = laneOf(nested, "IOASID core");
    const kvm = laneOf(nested, "KVM");
    expect(rowOf(nested, "5.1").arrow).toMatchObject({ x1: core.x + PAD / 2, x2: kvm.x + PAD / 2, kind: "delivery" });
    expect(rowOf(nested, "7").arrow).toBeNull(); // run_work: VDCM's own action
  });

  it("draws a bar from a call down to its last nested row, and from a delivery to its handler's calls", () => {
    const iommu = laneOf(nested, "IOMMU");
    const kvm = laneOf(nested, "KVM");
    const notify = rowOf(nested, "5");
    const lastNested = rowOf(nested, "5.3");
    expect(nested.bars).toContainEqual({ lane: "IOMMU", x: iommu.x + PAD + CHAR_W / 2, y1: notify.y + ROW_H - 2, y2: lastNested.y + ROW_H / 2 });
    expect(nested.bars).toContainEqual({ lane: "KVM", x: kvm.x + PAD + INDENT_CHARS * CHAR_W + CHAR_W / 2, y1: rowOf(nested, "5.1").y + ROW_H - 2, y2: rowOf(nested, "5.2").y + ROW_H / 2 });
    expect(nested.bars.some((b) => b.y1 < rowOf(nested, "1").y + ROW_H)).toBe(false); // registrations have no nested rows
  });

  it("marks the diverging step's rows and shades steps alternately", () => {
    expect(nested.diverging).toEqual({ first: rowOf(nested, "7").index, last: rowOf(nested, "7.1").index });
    expect(nested.rows.filter((r) => r.diverging).map((r) => r.gutter.text)).toEqual(["7", "7.1"]);
    expect(rowOf(nested, "5").shaded).not.toBe(rowOf(nested, "6").shaded);
    expect(rowOf(nested, "5").shaded).toBe(rowOf(nested, "5.4").shaded);
  });

  it("plots the Ref as steps: 1, 2, then dashed while FREE_PENDING, a mark where reclaimed", () => {
    const l = layoutTimeline(buildTimeline(REF_TRACE));
    expect(l.plot.max).toBe(2);
    const solid = l.plot.paths.filter((p) => !p.pending);
    const dashed = l.plot.paths.filter((p) => p.pending);
    expect(solid).toHaveLength(1);
    expect(dashed).toHaveLength(1);
    const xs = (ps: readonly Point[]) => [...new Set(ps.map(([x]) => Math.round(x)))];
    expect(xs(solid[0]?.points ?? []).length).toBe(2); // values 1 and 2
    expect(l.plot.marks).toHaveLength(1);
    expect(l.plot.marks[0]?.y).toBe(4 * ROW_H + ROW_H / 2); // row 5: put reclaims
    expect(l.rows.map((r) => r.ref?.text ?? "")).toEqual(["", "1", "2", "1 pend", "0"]);
  });

  it("writes the Ref value where it changes only", () => {
    expect(["5", "5.1", "5.2", "5.3", "5.4"].map((x) => rowOf(nested, x).ref?.text ?? "")).toEqual(["", "", "2", "", ""]); // row 4 already wrote 1
  });

  it("draws the teardown row as a band across the actor lanes, its effect in the core lane", () => {
    const l = layoutTimeline(buildTimeline(corpus("system-kvm-keeps-refs")));
    const td = l.rows.find((r) => r.kind === "teardown");
    expect(td?.band?.text).toBe("teardown / leak check");
    expect(td?.cells.every((c) => c.lane === "IOASID core")).toBe(true);
    expect(l.lanes.map((x) => x.column)).toContain("guest");
  });
});

describe("lane widths", () => {
  it("cap the widest lanes first to keep the lanes within the budget", () => {
    expect(budgetCap([12, 30, 32, 20], 200)).toBe(32);
    expect(budgetCap([12, 30, 32, 20], 80)).toBe(24);
    expect(budgetCap([32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32], 100)).toBe(12);
  });

  it("fit a seven-lane system trace within the budget", () => {
    const l = layoutTimeline(buildTimeline(corpus("system-vdcm-release-before-clear")));
    expect(l.lanes.length).toBe(6);
    expect(l.lanes.reduce((a, x) => a + x.chars, 0)).toBeLessThanOrEqual(LANES_BUDGET_CHARS);
    expect(l.width).toBeLessThan(1340);
  });
});

describe("clipPoints", () => {
  const pts: Point[] = [[0, 5], [0, 15], [1, 15], [1, 45], [2, 45], [2, 95]];
  it("keeps the points inside the window and one either side", () => {
    expect(clipPoints(pts, 20, 40)).toEqual([[1, 15], [1, 45]]);
    expect(clipPoints(pts, 0, 10)).toEqual([[0, 5], [0, 15]]);
    expect(clipPoints(pts, 100, 200)).toEqual([[2, 95]]);
    expect(clipPoints(pts, 40, 50)).toEqual([[1, 15], [1, 45], [2, 45], [2, 95]]);
  });
});
