/**
 * The HTML report at scale: a 10,000-step trace (report/fixtures.ts `longCoreTrace`), timed in
 * three parts against the goal (rendered in under 2 s): building the timeline (the
 * spec replay of counterexamples/show), layout + HTML (report/), and loading the page in
 * headless Chromium when it is installed (first paint, fully loaded, scroll jumps).
 * Figures are medians of a few rounds after a warm-up, printed as ratios to the goal.
 */
import { buildTimeline } from "../counterexamples/show/index.js";
import { renderReport } from "../report/render.js";
import { reportCounterexample } from "../report/build-counterexample.js";
import { longCoreTrace } from "../report/fixtures.js";
import type { ReportData } from "../report/types.js";

/** The goal of the issue, in ms. */
export const GOAL_MS = 2000;

/** The node-side figures. */
export interface RenderFigures {
  readonly steps: number;
  readonly rows: number;
  readonly timelineMs: number;
  readonly timelineCpuMs: number;
  readonly renderMs: number;
  readonly renderCpuMs: number;
  readonly bytes: number;
  readonly html: string;
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** Wall and CPU (user + system) time of `f`: CPU time shows the cost when other work shares the machine. */
const timed = <T>(f: () => T): { readonly value: T; readonly ms: number; readonly cpuMs: number } => {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = f();
  const c = process.cpuUsage(c0);
  return { value, ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 };
};

/** The report of one long trace. */
export const longReport = (steps: number): ReportData => {
  const cx = reportCounterexample({ id: "cx-long", title: `${steps}-step trace`, implementation: "spec", trace: longCoreTrace(steps), replay: [], shrinkUpTo: 0 });
  return { title: "scale", summary: { command: "npm run bench", target: "spec", seed: null, ms: 0, result: "fail", suites: [], stored: null }, counterexamples: [cx] };
};

/** Timeline build and render of a `steps`-step trace, medians of `rounds`. */
export const runRenderBench = (steps = 10_000, rounds = 3): RenderFigures => {
  renderReport(longReport(Math.min(steps, 500))); // warm-up
  const trace = longCoreTrace(steps);
  const timelines = Array.from({ length: rounds }, () => timed(() => buildTimeline(trace)));
  const data = longReport(steps);
  const renders = Array.from({ length: rounds }, () => timed(() => renderReport(data)));
  const html = renders[0]?.value ?? "";
  const rows = data.counterexamples[0]?.timeline.rows.length ?? 0;
  return {
    steps, rows, timelineMs: median(timelines.map((r) => r.ms)), timelineCpuMs: median(timelines.map((r) => r.cpuMs)),
    renderMs: median(renders.map((r) => r.ms)), renderCpuMs: median(renders.map((r) => r.cpuMs)), bytes: Buffer.byteLength(html), html,
  };
};

/** The browser-side figures. */
export interface BrowserFigures {
  readonly firstPaintMs: number;
  readonly loadedMs: number;
  readonly scrollMs: number;
  readonly nodes: number;
}

/** Load `file` in Chromium twice; the second load's figures and 20 scroll jumps through the timeline. */
export const runBrowserBench = async (file: string): Promise<BrowserFigures> => {
  const { openReport } = await import("../report/browser.js");
  const r = await openReport(file);
  try {
    await r.page.reload({ waitUntil: "load" });
    const nav: { firstPaint: number; loaded: number; nodes: number } = await r.page.evaluate(`(() => {
      const n = performance.getEntriesByType("navigation")[0];
      const p = performance.getEntriesByType("paint").find((e) => e.name === "first-contentful-paint");
      return { firstPaint: p === undefined ? -1 : p.startTime, loaded: n.loadEventEnd, nodes: document.getElementsByTagName("*").length };
    })()`);
    const t0 = performance.now();
    await r.page.evaluate(`(async () => { const tl = document.querySelector(".timeline");
      for (let i = 1; i <= 20; i++) { tl.scrollTop = tl.scrollHeight * i / 21; await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))); } })()`);
    return { firstPaintMs: nav.firstPaint, loadedMs: nav.loaded, scrollMs: performance.now() - t0, nodes: nav.nodes };
  } finally {
    await r.close();
  }
};

/** The section's lines. */
export const formatRenderFigures = (f: RenderFigures, b: BrowserFigures | string): string => {
  const ratio = (ms: number) => `${(ms / GOAL_MS).toFixed(2)}x of the 2 s goal`;
  return [
    `${f.steps.toLocaleString("en-US")}-step trace, ${f.rows.toLocaleString("en-US")} timeline rows, ${(f.bytes / 1e6).toFixed(1)} MB of HTML`,
    `  timeline (spec replay, counterexamples/show)  ${f.timelineMs.toFixed(0).padStart(6)} ms (CPU ${f.timelineCpuMs.toFixed(0)} ms)`,
    `  layout + HTML (report/)                       ${f.renderMs.toFixed(0).padStart(6)} ms (CPU ${f.renderCpuMs.toFixed(0)} ms)  ${ratio(f.renderMs)}`,
    typeof b === "string" ? `  Chromium: ${b}`
      : `  Chromium: first paint ${b.firstPaintMs.toFixed(0)} ms, loaded ${b.loadedMs.toFixed(0)} ms (${ratio(b.loadedMs)}), ${b.nodes.toLocaleString("en-US")} nodes; 20 scroll jumps ${b.scrollMs.toFixed(0)} ms (${(b.scrollMs / 20).toFixed(0)} ms each)`,
  ].join("\n");
};
