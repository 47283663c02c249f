/**
 * The closing summary table: one row per suite with runs, commands, coverage of the gate,
 * failures and time.
 */
import type { MergedSuite } from "./merge.js";
import { mergedPassed } from "./merge.js";

/** The table as text. */
export const formatSummary = (rows: readonly MergedSuite[], stored: { readonly replayed: number; readonly failed: number }): string => {
  const head = ["suite", "runs", "commands", "coverage", "failures", "time", "result"];
  const body = rows.map((m) => [
    m.suite.name, String(m.runs), String(m.commands),
    `${m.suite.gate.length - m.missing.length}/${m.suite.gate.length} cases`,
    m.failure === null ? "0" : "1", `${(m.ms / 1000).toFixed(1)} s`,
    m.failure !== null ? "COUNTEREXAMPLE" : mergedPassed(m) ? "passed" : "gate not reached",
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ").trimEnd();
  return [
    `stored counterexamples replayed: ${stored.replayed}, failing now: ${stored.failed}`,
    line(head), line(widths.map((w) => "-".repeat(w))), ...body.map(line),
  ].join("\n");
};
