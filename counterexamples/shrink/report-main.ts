/**
 * `npm run shrink-report`: build and print the shrink report (report.ts). Exits 1 when fewer
 * than 90% of the mutants reach the BFS shortest length after shrinkTrace.
 */
import { buildShrinkReport, renderShrinkReport } from "./report.js";

const report = buildShrinkReport();
console.log(renderShrinkReport(report));
for (const r of report.rows) {
  if (r.equal || r.bfs.trace === null) continue;
  console.log(`\n${r.suite} ${r.mutant}: shrinkTrace kept ${r.shrunkTrace?.commands.length ?? "no"} steps, the BFS shortest has ${r.bfs.trace.commands.length}:`);
  for (const c of r.shrunkTrace?.commands ?? []) console.log(`  shrunk  ${JSON.stringify(c)}`);
  for (const c of r.bfs.trace.commands) console.log(`  BFS     ${JSON.stringify(c)}`);
}
process.exitCode = report.equal * 10 >= report.rows.length * 9 ? 0 : 1;
