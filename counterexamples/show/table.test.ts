/**
 * The text table: actor columns and Ref, every step, the `>>` marker on the diverging step only,
 * inverse video only with colour, the violation text, and Ref values read back from the text.
 */
import { describe, expect, it } from "vitest";
import { buildTimeline } from "./timeline.js";
import { renderTable, wrap } from "./table.js";
import { parseTable } from "./table-parse.js";
import { corpus, CORPUS, NESTED_TRACE, REF_TRACE } from "./fixtures.js";

const INVERSE = "\u001b[7m";

describe("renderTable", () => {
  it.each([["core-reclaim-ignoring-refs"], ["system-vdcm-release-before-clear"]] as const)("%s: columns, every step, the marker, the violation", (stem) => {
    const trace = corpus(stem);
    const text = renderTable(buildTimeline(trace), { color: false });
    const { header, body } = parseTable(text);
    for (const c of ["step", "VFIO", "IOMMU", "KVM", "VDCM", "IOASID core", "Ref"]) expect(header).toContain(c);
    const labels = body.map((l) => l.label).filter((l) => /^\d+$/.test(l));
    expect(labels).toEqual(trace.commands.map((_, i) => String(i + 1)));
    const v = trace.violation;
    if (v === null) throw new Error("corpus trace without violation");
    const marked = new Set(body.filter((l) => l.marker === ">>").map((l) => l.label.split(".")[0]).filter((l) => l !== ""));
    expect(marked).toEqual(new Set([String(v.step + 1)]));
    expect(text).toContain(`violation at step ${v.step + 1} (${v.kind}):`);
    for (const line of v.detail.split("\n")) expect(text).toContain(line);
    expect(text).not.toContain("\u001b[");
  });

  it("a violation at the end of the run is shown on the teardown row", () => {
    const text = renderTable(buildTimeline(corpus("system-kvm-keeps-refs")), { color: false });
    const { body } = parseTable(text);
    const band = body.find((l) => l.label === "teardown");
    expect(band?.marker).toBe(">>");
    expect(band?.raw).toMatch(/-{4,} teardown \/ leak check -{4,}/);
    expect(body.filter((l) => /^\d/.test(l.label)).every((l) => l.marker === "  ")).toBe(true);
    expect(text).toContain("violation at the teardown / leak check (leak):");
  });

  it("Ref values of alloc_set, alloc, get, free, put read back as -, 1, 2, 1 (FREE_PENDING), 0", () => {
    const { header, body } = parseTable(renderTable(buildTimeline(REF_TRACE), { color: false }));
    const ref = header.indexOf("Ref") - 1;
    const core = header.indexOf("IOASID core") - 1;
    expect(body.map((l) => l.cells[ref] ?? "")).toEqual(["", "1", "2", "1 (FREE_PENDING)", "0"]);
    expect(body.map((l) => l.cells[core] ?? "")).toEqual(["set 1 created", "ID 1 allocated in set 1", "", "ID 1 FREE_PENDING", "ID 1 reclaimed"]);
    expect(body.every((l) => l.marker === "  ")).toBe(true);
  });

  it("nested rows carry sub-step labels and sit in their actor's column", () => {
    const { header, body } = parseTable(renderTable(buildTimeline(NESTED_TRACE), { color: false }));
    const kvm = header.indexOf("KVM") - 1;
    const line = body.find((l) => l.label === "5.2");
    expect(line?.cells[kvm]).toBe("get_locked(1) ok");
    expect(body.filter((l) => l.marker === ">>").map((l) => l.label)).toEqual(["7", "7.1"]);
  });

  it("colour puts exactly the diverging lines in inverse video", () => {
    const text = renderTable(buildTimeline(NESTED_TRACE), { color: true });
    const inverse = text.split("\n").filter((l) => l.includes(INVERSE));
    expect(inverse).toHaveLength(2);
    expect(inverse.every((l) => l.startsWith(`${INVERSE}>>`) && l.endsWith("\u001b[27m"))).toBe(true);
  });

  it("long cells wrap onto continuation lines without losing text", () => {
    expect(wrap("bind_gpasid(gpasid 1, assigned, guest-mm 1) ok", 20)).toEqual(["bind_gpasid(gpasid", "1, assigned,", "guest-mm 1) ok"]);
    expect(wrap("x".repeat(25), 10)).toEqual(["xxxxxxxxxx", "xxxxxxxxxx", "xxxxx"]);
    const text = renderTable(buildTimeline(corpus("system-kvm-registers-late")), { color: false, width: 20 });
    expect(text.replace(/\s*\|\s*/g, " ")).toContain("bind_gpasid(gpasid");
    expect(parseTable(text).body.every((l) => l.cells.every((c) => c.length <= 20))).toBe(true);
  });

  it.each(CORPUS.map((s) => [s] as const))("%s renders every row", (stem) => {
    const t = buildTimeline(corpus(stem));
    const { body } = parseTable(renderTable(t, { color: false }));
    expect(body.filter((l) => l.label !== "").map((l) => l.label)).toEqual(t.rows.map((r) => r.label));
  });
});
