/**
 * The JSON form: plain data that survives JSON.stringify/parse unchanged, one entry per table
 * row, the same cells as the table; showTrace's formats.
 */
import { describe, expect, it } from "vitest";
import { buildTimeline } from "./timeline.js";
import { renderJson } from "./json.js";
import { renderTable } from "./table.js";
import { parseTable } from "./table-parse.js";
import { showTrace } from "./index.js";
import { corpus, CORPUS, REF_TRACE } from "./fixtures.js";

describe("renderJson", () => {
  it.each(CORPUS.map((s) => [s] as const))("%s: round-trips and has the table's rows", (stem) => {
    const t = buildTimeline(corpus(stem));
    const data = renderJson(t);
    const back: unknown = JSON.parse(JSON.stringify(data));
    expect(back).toEqual(data);
    const { header, body } = parseTable(renderTable(t, { color: false }));
    expect(data.rows).toHaveLength(body.filter((l) => l.label !== "").length);
    expect(data.columns).toEqual(header.slice(1));
    expect(data.rows.filter((r) => r.diverging).length).toBeGreaterThan(0);
    expect(data.violation?.detail).toBe(corpus(stem).violation?.detail);
  });

  it("the hand-checked trace: Ref cells and ref views", () => {
    const data = renderJson(buildTimeline(REF_TRACE));
    expect(data.rows.map((r) => r.cells["Ref"] ?? "")).toEqual(["", "1", "2", "1 (FREE_PENDING)", "0"]);
    expect(data.rows.map((r) => r.ref)).toEqual([null, { refs: 1, state: "ALLOCATED" }, { refs: 2, state: "ALLOCATED" }, { refs: 1, state: "FREE_PENDING" }, { refs: 0, state: "gone" }]);
    expect(data.rows[1]?.cells).toEqual({ VFIO: "alloc(set 1) -> 1", "IOASID core": "ID 1 allocated in set 1", Ref: "1" });
  });
});

describe("showTrace", () => {
  it("gives each format of the same timeline", () => {
    const trace = corpus("system-kvm-keeps-refs");
    const t = buildTimeline(trace);
    expect(showTrace(trace, "table", { color: false })).toBe(renderTable(t, { color: false }));
    expect(showTrace(trace, "table", { color: true })).toContain("\u001b[7m");
    expect(showTrace(trace, "mermaid", {}).startsWith("sequenceDiagram\n")).toBe(true);
    const json = showTrace(trace, "json", {});
    expect(json).toBe(JSON.stringify(renderJson(t), null, 2));
    expect(json.split("\n").length).toBeGreaterThan(10);
  });

  it("refuses a system trace naming unknown drivers", () => {
    const trace = corpus("system-kvm-keeps-refs");
    expect(() => showTrace({ ...trace, implementation: "impl/drivers:nope" }, "table")).toThrow(/unknown system implementation/);
  });
});
