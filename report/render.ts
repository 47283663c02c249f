/**
 * ReportData -> one self-contained HTML page.
 *
 * Rules:
 *  1. Everything is inline: the stylesheet, SVG drawings, one small script; nothing is fetched
 *     (no external scripts, styles, fonts or images), so the file works offline, as a CI
 *     artifact, from any folder.
 *  2. Sections, in order: summary, coverage, counterexamples, then conformance and exploration
 *     when the data has them.
 *  3. The page reads without its script; the script only scrolls each timeline to its diverging
 *     step when that step is below the first screen.
 *  4. A pure function of the data: the same data gives the same bytes.
 */
import type { ReportData } from "./types.js";
import { STYLE } from "./html/style.js";
import { esc } from "./html/escape.js";
import { summaryHtml } from "./html/summary-html.js";
import { coverageHtml } from "./html/coverage-html.js";
import { counterexampleHtml } from "./html/counterexample-html.js";
import { conformanceHtml, exploreHtml } from "./html/extras-html.js";

/** Rule 3. */
const SCRIPT = `for (const tl of document.querySelectorAll(".timeline[data-diverge]")) {
  const a = document.getElementById(tl.dataset.diverge);
  if (a === null || a.parentElement === null) continue;
  const top = a.offsetTop + a.parentElement.offsetTop;
  if (top > tl.clientHeight - 60) tl.scrollTop = Math.max(0, top - 80);
}`;

/** Rules 1 to 4. */
export const renderReport = (data: ReportData): string => {
  const ids = new Set(data.counterexamples.map((c) => c.id));
  const nav = [
    ["summary", "Summary"], ["coverage", "Coverage"], ...(data.counterexamples.length > 0 ? [["counterexamples", "Counterexamples"]] : []),
    ...(data.conformance === undefined ? [] : [["conformance", "Conformance"]]), ...(data.explore === undefined ? [] : [["explore", "Exploration"]]),
  ].map(([id, name]) => `<a href="#${id}">${name}</a>`).join("");
  const cxs = data.counterexamples.length === 0 ? ""
    : `<section id="counterexamples"><h2>Counterexamples</h2>${data.counterexamples.map(counterexampleHtml).join("")}</section>`;
  const verdict = data.summary.result === "pass" ? '<span class="badge pass">PASS</span>' : '<span class="badge fail">FAIL</span>';
  return [
    "<!DOCTYPE html>",
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(data.title)}</title><style>${STYLE}</style></head>`,
    `<body><main><h1>${esc(data.title)} ${verdict}</h1><nav>${nav}</nav>`,
    summaryHtml(data.summary, data.counterexamples),
    coverageHtml(data.summary.suites),
    cxs,
    data.conformance === undefined ? "" : conformanceHtml(data.conformance, ids),
    data.explore === undefined ? "" : exploreHtml(data.explore, ids),
    `</main><script>${SCRIPT}</script></body></html>`,
    "",
  ].join("\n");
};
