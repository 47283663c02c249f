/**
 * The Mermaid diagram: the header, only used participants, one message per row, the rect around
 * the diverging step with the violation note, Ref notes, and text Mermaid accepts.
 */
import { describe, expect, it } from "vitest";
import { buildTimeline } from "./timeline.js";
import { mermaidText, renderMermaid } from "./mermaid.js";
import { corpus, CORPUS, NESTED_TRACE, REF_TRACE } from "./fixtures.js";

const lines = (s: string): readonly string[] => s.trimEnd().split("\n");
const participants = (s: string): readonly string[] => lines(s).filter((l) => /^\s*participant /.test(l)).map((l) => l.trim().split(" ")[1] ?? "");
const messageText = (l: string): string | null => {
  const m = /^\s*(?:\w+-{1,2}>>\w+|Note over [\w,]+):(.*)$/.exec(l);
  return m === null ? null : (m[1] ?? "");
};

describe("renderMermaid", () => {
  it("a core trace: header, used participants only, the rect with the violation", () => {
    const t = buildTimeline(corpus("core-reclaim-ignoring-refs"));
    const out = renderMermaid(t);
    expect(out.startsWith("sequenceDiagram\n")).toBe(true);
    expect(participants(out)).toEqual(["VFIO", "Core"]);
    const ls = lines(out);
    const open = ls.findIndex((l) => l.trim() === "rect rgb(255, 220, 220)");
    const close = ls.findIndex((l, i) => i > open && l.trim() === "end");
    expect(open).toBeGreaterThan(0);
    expect(close).toBeGreaterThan(open);
    const inside = ls.slice(open + 1, close);
    expect(inside.some((l) => l.includes("VFIO->>Core: 4 free(set 1, 1) ok"))).toBe(true);
    expect(inside.at(-1)).toMatch(/Note over VFIO,Core: violation at step 4 \(state\):<br\/>ID 1: spec has \{state:FREE_PENDING,refs:1,set:1,spid:null\}/);
    expect(ls.slice(0, open).some((l) => l.includes(": 4 "))).toBe(false);
  });

  it("a system trace: guest, VDCM, IOMMU, KVM and VFIO take part; deliveries come from Core", () => {
    const out = renderMermaid(buildTimeline(corpus("system-vdcm-release-before-clear")));
    expect(participants(out)).toEqual(["VFIO", "IOMMU", "KVM", "VDCM", "Guest", "Core"]);
    expect(out).toContain("    participant Core as IOASID core");
    expect(out).toContain("Guest->>VDCM: 3 mdev_write(wq1, gpasid 1) ok");
    expect(out).toContain("Core->>KVM: 4.2 FREE 1 (gpasid 1)");
    expect(out).toContain("Core-->>VFIO: 4.5 free returned ok");
    expect(out).toMatch(/rect rgb\(255, 220, 220\)\n\s+VDCM->>VDCM: 5 run_work: vdcm1-release wq1\n/);
  });

  it("one message per row, and a Ref note after each step that changes it", () => {
    const t = buildTimeline(REF_TRACE);
    const out = renderMermaid(t);
    const msgs = lines(out).filter((l) => /->>/.test(l));
    expect(msgs).toHaveLength(t.rows.length);
    expect(lines(out).filter((l) => l.includes("Note over Core: Ref")).map((l) => l.trim())).toEqual([
      "Note over Core: Ref of 1: 1", "Note over Core: Ref of 1: 2", "Note over Core: Ref of 1: 1 (FREE_PENDING)", "Note over Core: Ref of 1: 0",
    ]);
    expect(out).not.toContain("rect");
  });

  it("strips what Mermaid dislikes from messages and notes", () => {
    expect(mermaidText("a; b #1 \"q\" <x> -> y <- z\nw %% c")).toBe("a, b no. 1 q ‹x› → y ← z w % c");
    const out = renderMermaid(buildTimeline(NESTED_TRACE));
    const note = lines(out).find((l) => l.includes("violation at step 7"));
    expect(note).toBeDefined();
    expect(note).not.toMatch(/[;#"]/);
    expect(note).toContain("the work, dropped the last reference no. 1 quoted");
  });

  it.each(CORPUS.map((s) => [s] as const))("%s: valid-looking Mermaid with no raw ; # or quotes in text", (stem) => {
    const t = buildTimeline(corpus(stem));
    const out = renderMermaid(t);
    const ls = lines(out);
    expect(ls[0]).toBe("sequenceDiagram");
    for (const l of ls.slice(1)) {
      const text = messageText(l);
      const structural = /^\s*(participant \w+( as [^;#"]+)?|rect rgb\(255, 220, 220\)|end)$/.test(l);
      expect(text !== null || structural, `unexpected line: ${l}`).toBe(true);
      expect(l).not.toContain(";");
      if (text !== null) {
        expect(text).not.toMatch(/[#"]/);
        expect(text.trim()).not.toBe("");
      }
    }
    const declared = new Set(participants(out));
    const usedIds = new Set(ls.flatMap((l) => /^\s*(\w+)-{1,2}>>(\w+):/.exec(l)?.slice(1) ?? []));
    for (const id of usedIds) expect(declared.has(id), `${id} used but not declared`).toBe(true);
    for (const id of declared) expect(usedIds.has(id) || id === "Core", `${id} declared but unused`).toBe(true);
    expect(ls.filter((l) => l.trim() === "rect rgb(255, 220, 220)")).toHaveLength(1);
    expect(ls.filter((l) => l.trim() === "end")).toHaveLength(1);
  });
});
