/**
 * `npm run shrink-report`: build and print the shrink report (report.ts), then, for every mutant
 * where the search and shrinkTrace disagree on the length, both sequences. It is a measurement:
 * it exits 0 whatever the fraction (the tests guard the shrinker itself).
 */
import { buildShrinkReport, renderShrinkReport } from "./report.js";

const report = buildShrinkReport();
console.log(renderShrinkReport(report));
for (const r of report.rows) {
  const bfs = r.bfs.trace;
  if (bfs === null || (r.verdict !== "BFS shorter" && r.verdict !== "shrink shorter")) continue;
  console.log(`\n${r.suite} ${r.mutant} (${r.verdict}): shrinkTrace kept ${r.shrunkTrace?.commands.length ?? "no"} steps, the BFS shortest has ${bfs.commands.length}:`);
  for (const c of r.shrunkTrace?.commands ?? []) console.log(`  shrunk  ${JSON.stringify(c)}`);
  for (const c of bfs.commands) console.log(`  BFS     ${JSON.stringify(c)}`);
}
