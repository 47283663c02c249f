/**
 * renderReport on fixture data: self-contained, every section, every lane and step label, the
 * diverging step's sides and anchor, escaping, optional sections, chunking, determinism.
 */
import { describe, expect, it } from "vitest";
import { buildTimeline } from "../counterexamples/show/index.js";
import { renderReport } from "./render.js";
import { fullReport, longCoreTrace } from "./fixtures.js";
import { reportCounterexample } from "./build-counterexample.js";
import { laneColumns, laneName } from "./layout/lanes.js";
import { CHUNK_ROWS } from "./html/timeline-svg.js";
import type { ReportData } from "./types.js";

const data = fullReport();
const html = renderReport(data);

describe("renderReport", () => {
  it("is one self-contained page: no external script, style, font, image or link to fetch", () => {
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).not.toMatch(/<script[^>]*\ssrc=|<link\b|<img\b|@import|@font-face|https?:\/\//i);
    expect(html).not.toMatch(/url\(/);
    expect(html.match(/<script>/g)).toHaveLength(1);
  });

  it("has the summary, the coverage heat map with gate cases outlined and unreached ones marked", () => {
    expect(html).toContain('id="summary"');
    expect(html).toContain("ioasid-check run --html r.html");
    expect(html).toMatch(/<td class="h0 gate missing" title="alloc:EDQUOT: 0 \(gate case NOT reached\)">✗<\/td>/);
    expect(html).toMatch(/<td class="h\d gate" title="alloc:ok: [\d,]+ \(gate case\)">/);
    expect(html).toContain("2 gate cases not reached: alloc:EDQUOT, event:UNBIND");
    expect(html).toContain("stored counterexamples</dt><dd>19 replayed, 0 failing now");
  });

  it("draws every counterexample with each lane's name and each step's label", () => {
    for (const cx of data.counterexamples) {
      expect(html).toContain(`id="${cx.id}"`);
      for (const c of laneColumns(cx.timeline)) expect(html).toContain(`>${laneName(c)}</text>`);
      for (const r of cx.timeline.rows) expect(html).toContain(`>${r.label}</text>`);
      for (const line of cx.replay) expect(html).toContain(line);
    }
  });

  it("shows the diverging step's expected and actual side by side, with an anchor in the timeline", () => {
    expect(html).toContain('<div class="expected"><h4>expected</h4><pre>-&gt; ok\n   FREE 1 of set 1 -&gt; vdcm');
    expect(html).toContain('<div class="actual"><h4>actual</h4><pre>-&gt; ok\n   FREE 1 of set 1 -&gt; kvm');
    expect(html.match(/id="cx-core-diverge"/g)).toHaveLength(1);
    expect(html).toContain('href="#cx-core-diverge"');
    expect(html).toContain("5 steps (already minimal for the shrinker)");
  });

  it("escapes every text it shows", () => {
    expect(html).toContain("system &lt;counterexample&gt;");
    expect(html).not.toContain("<counterexample>");
    const evil: ReportData = { ...data, title: `<script>alert("x")</script>`, summary: { ...data.summary, command: `a' onmouseover='x` } };
    const out = renderReport(evil);
    expect(out).not.toContain("<script>alert");
    expect(out).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(out).toContain("a&#39; onmouseover=&#39;x");
  });

  it("renders the conformance and exploration sections when present, linking traces", () => {
    expect(html).toContain('<tr id="decision-D4"><td>D4</td>');
    expect(html).toMatch(/D4<\/td>.*?<span class="badge fail">departs<\/span>.*?<a href="#cx-core">cx-core<\/a>, <a href="findings\/core-77.json">core-77.json<\/a>/s);
    expect(html).toMatch(/D1<\/td>.*?badge pass">agrees/s);
    expect(html).toMatch(/D29<\/td>.*?badge warn">not exercised/s);
    expect(html).toContain("my-core.mjs: 1 agree, 1 depart, 1 not exercised");
    expect(html).toMatch(/distinct states<\/dt><dd>123,456<\/dd>/);
    expect(html).toContain('<a href="#cx-core">the shortest one</a>');
    const plain = renderReport({ title: data.title, summary: data.summary, counterexamples: [] });
    expect(plain).not.toContain('id="conformance"');
    expect(plain).not.toContain('id="explore"');
    expect(plain).not.toContain('id="counterexamples"');
  });

  it("splits a long timeline into chunks and keeps one diverging anchor", () => {
    const cx = reportCounterexample({ id: "cx-long", title: "long", implementation: "spec", trace: longCoreTrace(200), replay: [], shrinkUpTo: 0 });
    const rows = buildTimeline(longCoreTrace(200)).rows.length;
    const out = renderReport({ title: "t", summary: data.summary, counterexamples: [cx] });
    expect(out.match(/class="tl-chunk"/g)).toHaveLength(Math.ceil(rows / CHUNK_ROWS));
    expect(out.match(/id="cx-long-diverge"/g)).toHaveLength(1);
    expect(cx.shrunkSteps).toBeNull();
    expect(out).toContain("200 steps (not shrunk)");
  });

  it("gives the same bytes for the same data", () => {
    expect(renderReport(fullReport())).toBe(html);
  });
});
