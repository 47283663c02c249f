/**
 * The coverage section.
 *
 * Rules:
 *  1. Per suite, its heat maps (coverage-grid.ts) side by side, under one line naming the gate
 *     cases not reached (and whether the gate applied to this run).
 *  2. A cell shows its count (compact: 1.2k, 34k, 1.5M), "·" for none, "✗" for a gate case not
 *     reached; its tooltip names the case, the exact count and whether it is a gate case.
 *  3. Gate cases are outlined; unreached ones are red.
 */
import type { SuiteSummary } from "../types.js";
import type { CoverageGrid, GridCell } from "../coverage-grid.js";
import { coverageGrids, heat } from "../coverage-grid.js";
import { count, esc } from "./escape.js";

const compact = (n: number): string => (n >= 1_000_000 ? `${(n / 1_000_000).toFixed(1)}M` : n >= 10_000 ? `${Math.round(n / 1000)}k` : n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n));

const cell = (c: GridCell): string => {
  const cls = [`h${heat(c.count)}`, ...(c.gate ? ["gate"] : []), ...(c.missing ? ["missing"] : [])].join(" ");
  const tip = `${c.key}: ${count(c.count)}${c.gate ? (c.missing ? " (gate case NOT reached)" : " (gate case)") : ""}`;
  return `<td class="${cls}" title="${esc(tip)}">${c.missing ? "✗" : c.count === 0 ? "·" : compact(c.count)}</td>`;
};

const grid = (g: CoverageGrid): string => [
  `<table class="heat"><caption class="legend">${esc(g.title)}</caption><thead><tr><th></th>`,
  ...g.columns.map((c) => `<th>${esc(c)}</th>`), "</tr></thead><tbody>",
  ...g.rows.map((r, i) => `<tr><th class="row">${esc(r)}</th>${(g.cells[i] ?? []).map(cell).join("")}</tr>`),
  "</tbody></table>",
].join("");

const LEGEND = '<p class="legend">Cells count the steps that reached the case (darker: more).'
  + '<span class="sw" style="outline:2px solid #1d232b;outline-offset:-2px"></span>gate case'
  + '<span class="sw" style="background:#fde8e6"></span>✗ gate case not reached<span class="sw" style="background:#fafbfc"></span>· not reached</p>';

/** The coverage section for every suite. */
export const coverageHtml = (suites: readonly SuiteSummary[]): string => {
  if (suites.length === 0) return "";
  const parts = suites.map((s) => {
    const missing = s.missing.length === 0 ? "every gate case reached" : `${s.missing.length} gate case${s.missing.length === 1 ? "" : "s"} not reached${s.gateEnforced ? "" : " (the gate applies from the default budget up)"}: ${s.missing.join(", ")}`;
    return `<div id="coverage-${esc(s.name)}"><h3>${esc(s.name)}</h3><p class="legend">${esc(missing)}</p><div class="grids">${coverageGrids(s.reached, s.gate).map(grid).join("")}</div></div>`;
  });
  return `<section id="coverage"><h2>Coverage</h2>${LEGEND}${parts.join("")}</section>`;
};
