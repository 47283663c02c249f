/**
 * The report's summary section.
 *
 * Rules:
 *  1. Facts first: the verdict, the command line, what was checked, the seed, the time, stored
 *     counterexamples replayed (when the command replays them), the number of counterexamples.
 *  2. One row per suite, as the CLI's summary table: runs, commands, gate cases reached, time,
 *     seed, result; the suite's name links to its coverage.
 *  3. Every counterexample's replay commands, exactly as given; with none, its seed and path.
 */
import type { ReportCounterexample, ReportSummary, SuiteSummary } from "../types.js";
import { count, duration, esc } from "./escape.js";

const resultBadge = (r: SuiteSummary["result"]): string =>
  `<span class="badge ${r === "passed" ? "pass" : r === "counterexample" ? "fail" : "warn"}">${esc(r)}</span>`;

const suiteRow = (s: SuiteSummary): string => {
  const reachedGate = s.gate.length - s.missing.length;
  const gate = `${reachedGate}/${s.gate.length} cases${s.gateEnforced || s.missing.length === 0 ? "" : " (gate not enforced)"}`;
  return `<tr><td><a href="#coverage-${esc(s.name)}">${esc(s.name)}</a></td><td>${esc(s.implementation)}</td><td class="n">${count(s.runs)}</td>`
    + `<td class="n">${count(s.commands)}</td><td>${esc(gate)}</td><td class="n">${s.ms === null ? "—" : esc(duration(s.ms))}</td>`
    + `<td class="n">${s.seed === null ? "" : esc(String(s.seed))}</td><td>${resultBadge(s.result)}</td></tr>`;
};

/** A counterexample's replay commands, or its seed and path when the command printed none. */
const replayCodes = (c: ReportCounterexample): string =>
  c.replay.length > 0 ? c.replay.map((r) => `<code class="replay">${esc(r)}</code>`).join("")
    : `<code class="replay">${esc(c.seed === null ? "no replay command" : `seed ${c.seed}, path "${c.path ?? ""}"`)}</code>`;

/** The summary section. */
export const summaryHtml = (s: ReportSummary, cxs: readonly ReportCounterexample[]): string => {
  const facts = [
    ["result", `<span class="badge ${s.result === "pass" ? "pass" : "fail"}">${s.result === "pass" ? "PASS" : "FAIL"}</span>`],
    ["command", `<code>${esc(s.command)}</code>`],
    ["checked", esc(s.target)],
    ["seed", s.seed === null ? "—" : `<code>${esc(String(s.seed))}</code>`],
    ["time", esc(duration(s.ms))],
    ...(s.stored === null ? [] : [["stored counterexamples", esc(`${s.stored.replayed} replayed, ${s.stored.failed} failing now`)]]),
    ["counterexamples", String(cxs.length)],
  ];
  const table = s.suites.length === 0 ? "" : [
    "<table><thead><tr><th>suite</th><th>on</th><th>runs</th><th>commands</th><th>coverage gate</th><th>time</th><th>seed</th><th>result</th></tr></thead><tbody>",
    ...s.suites.map(suiteRow), "</tbody></table>",
  ].join("");
  const replays = cxs.length === 0 ? "" : [
    "<h3>Replay</h3>",
    ...cxs.map((c) => `<p><a href="#${esc(c.id)}">${esc(c.title)}</a></p>${replayCodes(c)}`),
  ].join("");
  return `<section id="summary"><h2>Summary</h2><dl class="facts">${facts.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join("")}</dl>${table}${replays}</section>`;
};
