/**
 * The soak's closing report as text: per suite the runs, commands and counterexamples, then each
 * counterexample in full with its replay line.
 */
import type { SoakReport } from "./soak.js";

/** The closing figures as text. */
export const formatSoak = (r: SoakReport): string => [
  `soak: ${r.rounds} rounds in ${(r.ms / 60000).toFixed(1)} min`,
  ...r.totals.map((t) => `  ${t.suite.padEnd(7)} ${String(t.runs).padStart(9)} runs ${String(t.commands).padStart(11)} commands ${String(t.counterexamples).padStart(4)} counterexamples  (${(t.ms / 1000).toFixed(0)} s)`),
  ...r.findings.flatMap((f) => ["", `counterexample in suite ${f.suite} (round seed ${f.roundSeed}):`, f.text, `replay: ${f.replay}`]),
  "", r.findings.length === 0 ? "soak: no counterexample" : `soak: ${r.findings.length} counterexample${r.findings.length === 1 ? "" : "s"}`,
].join("\n");
