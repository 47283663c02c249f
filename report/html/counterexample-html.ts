/**
 * One counterexample's section.
 *
 * Rules:
 *  1. Facts: suite, implementation, the failure and where (linked to the diverging rows), the
 *     lengths as found and after shrinking, the trace's note, seed and path, replay commands.
 *  2. The diverging step's expected and actual sides next to each other (divergence.ts).
 *  3. Then a legend and the timeline (layout/, timeline-svg.ts).
 */
import type { ReportCounterexample } from "../types.js";
import { layoutTimeline } from "../layout/timeline-layout.js";
import { esc } from "./escape.js";
import { timelineHtml } from "./timeline-svg.js";

const where = (c: ReportCounterexample): string => {
  const v = c.timeline.violation;
  if (v === null) return "no violation recorded";
  const at = v.at === null ? `step ${v.step + 1}` : v.at === "teardown" ? "the teardown / leak check" : `step ${v.at}`;
  return `${v.kind} at ${at}`;
};

const lengths = (c: ReportCounterexample): string =>
  c.shrunkSteps === null ? `${c.originalSteps} steps (not shrunk)`
    : c.shrunkSteps < c.originalSteps ? `${c.originalSteps} steps as found; ${c.shrunkSteps} after shrinking`
      : `${c.originalSteps} steps (already minimal for the shrinker)`;

const LEGEND = '<p class="legend">One lane per actor; a row per step and per nested event, nested calls indented within their delivery '
  + "(a bar runs from a call or delivery down to its last nested row); arrows go from caller to callee (dashed: a return). "
  + "Ref: the reference count of each step's PASID, one line per PASID, dashed while FREE_PENDING, ○ where reclaimed. "
  + "Hover a cut label for its full text.</p>";

/** The section of one counterexample. */
export const counterexampleHtml = (c: ReportCounterexample): string => {
  const jump = c.timeline.rows.some((r) => r.diverging) ? ` <a href="#${esc(c.id)}-diverge">show it in the timeline</a>` : "";
  const facts = [
    ["suite", esc(c.suite)], ["on", esc(c.implementation)], ["failure", `${esc(where(c))}${jump}`], ["length", esc(lengths(c))],
    ...(c.timeline.note === "" ? [] : [["note", esc(c.timeline.note)]]),
    ...(c.seed === null ? [] : [["seed, path", `<code>${esc(`${c.seed}${c.path === null ? "" : `, "${c.path}"`}`)}</code>`]]),
    ["replay", c.replay.length === 0 ? "no replay command printed by this command" : c.replay.map((r) => `<code class="replay">${esc(r)}</code>`).join("")],
  ];
  const sides = c.divergence === null ? "" : [
    `<div class="sides" id="${esc(c.id)}-sides">`,
    `<div class="expected"><h4>expected</h4><pre>${esc(c.divergence.expected)}</pre></div>`,
    `<div class="actual"><h4>actual</h4><pre>${esc(c.divergence.actual)}</pre></div></div>`,
  ].join("");
  return `<article class="card cx" id="${esc(c.id)}"><h3>${esc(c.title)}</h3><dl class="facts">${facts.map(([k, x]) => `<dt>${k}</dt><dd>${x}</dd>`).join("")}</dl>`
    + `${sides}${LEGEND}${timelineHtml(layoutTimeline(c.timeline), c.id)}</article>`;
};
