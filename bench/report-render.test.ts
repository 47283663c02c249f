/** Structure of the report bench's output on a small trace (no assertion on times). */
import { describe, expect, it } from "vitest";
import { formatRenderFigures, runRenderBench } from "./report-render.js";

describe("runRenderBench", () => {
  it("measures a trace of the given length and prints it against the goal", () => {
    const f = runRenderBench(60, 1);
    expect(f.steps).toBe(60);
    expect(f.rows).toBeGreaterThan(60);
    expect(f.html).toContain('id="cx-long-diverge"');
    expect(f.bytes).toBe(Buffer.byteLength(f.html));
    const text = formatRenderFigures(f, "not measured");
    expect(text).toMatch(/^60-step trace, \d+ timeline rows/);
    expect(text).toContain("x of the 2 s goal");
    expect(text).toContain("Chromium: not measured");
    expect(formatRenderFigures(f, { firstPaintMs: 100, loadedMs: 1000, scrollMs: 200, nodes: 5000 })).toContain("loaded 1000 ms (0.50x of the 2 s goal), 5,000 nodes; 20 scroll jumps 200 ms (10 ms each)");
  });
});
