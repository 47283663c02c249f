/**
 * The optional sections: per-decision conformance (validate) and exhaustive exploration
 * (explore). Trace references link to a counterexample of the page by id, else to the path
 * as given (types.ts rule 3).
 */
import type { ConformanceRow, ConformanceSection, ExploreSection } from "../types.js";
import { count, duration, esc } from "./escape.js";

/** Where a trace reference points. */
export const traceHref = (ref: string, ids: ReadonlySet<string>): string => (ids.has(ref) ? `#${ref}` : ref);

/** A row's verdict. */
export const conformanceStatus = (r: ConformanceRow): "not exercised" | "agrees" | "departs" =>
  r.exercised === 0 ? "not exercised" : r.departs > 0 ? "departs" : "agrees";

const STATUS_CLASS = { "not exercised": "warn", agrees: "pass", departs: "fail" } as const;

/** The failure classes of a row's departures, each with its detail as a tooltip. */
const classes = (r: ConformanceRow): string =>
  r.departures.map((d) => `<div class="legend" title="${esc(d.detail)}"><code>${esc(d.class)}</code></div>`).join("");

/** The conformance table. */
export const conformanceHtml = (c: ConformanceSection, ids: ReadonlySet<string>): string => {
  const rows = c.rows.map((r) => {
    const status = conformanceStatus(r);
    const links = r.traces.map((t, i) => `<a href="${esc(traceHref(t, ids))}">${esc(ids.has(t) ? t : t.split("/").at(-1) ?? t)}</a>${i < r.traces.length - 1 ? ", " : ""}`).join("");
    return `<tr id="decision-${esc(r.id)}"><td>${esc(r.id)}</td><td>${esc(r.topic)}</td><td class="n">${count(r.exercised)}</td>`
      + `<td class="n">${count(r.departs)}</td><td><span class="badge ${STATUS_CLASS[status]}">${status}</span>${classes(r)}</td><td>${links}</td></tr>`;
  });
  const tally = (s: ReturnType<typeof conformanceStatus>) => c.rows.filter((r) => conformanceStatus(r) === s).length;
  return `<section id="conformance"><h2>Conformance per decision</h2><p class="legend">${esc(`${c.target}: ${tally("agrees")} agree, ${tally("departs")} depart, ${tally("not exercised")} not exercised`)}</p>`
    + `<table><thead><tr><th>decision</th><th>topic</th><th>steps exercising it</th><th>departing</th><th>verdict</th><th>traces</th></tr></thead><tbody>${rows.join("")}</tbody></table></section>`;
};

/** The exploration summary. */
export const exploreHtml = (e: ExploreSection, ids: ReadonlySet<string>): string => {
  const perSecond = e.ms > 0 ? Math.round(e.distinctStates / (e.ms / 1000)) : 0;
  const facts = [
    ["scope", esc(e.scope)], ["on", esc(e.target)], ["depth", `${e.depth}${e.complete ? " (every sequence explored)" : " (cut short by the time budget)"}`],
    ["distinct states", count(e.distinctStates)], ["transitions", count(e.transitions)], ["time", `${esc(duration(e.ms))} (${count(perSecond)} states/s)`],
    ["result", e.counterexample === null ? '<span class="badge pass">no counterexample in this scope</span>'
      : `<span class="badge fail">counterexample</span> <a href="${esc(traceHref(e.counterexample, ids))}">the shortest one</a>`],
  ];
  return `<section id="explore"><h2>Exhaustive exploration</h2><dl class="facts">${facts.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join("")}</dl></section>`;
};
