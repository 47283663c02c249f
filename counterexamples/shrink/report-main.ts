/**
 * `npm run shrink-report`: build and print the shrink report (report.ts), then, for every pair
 * whose shrunk trace is longer than the minimum of its class or not proved minimal in the whole
 * searched space, the shrunk trace. It is a measurement: it exits 0 whatever the numbers (the
 * tests guard the shrinker itself).
 */
import { buildShrinkReport, renderShrinkReport } from "./report.js";

const report = buildShrinkReport();
console.log(renderShrinkReport(report));
for (const r of report.rows) {
  if (!r.verdict.startsWith("longer") && r.verdict !== "undecided" && r.verdict !== "equal (its kinds)") continue;
  console.log(`\n${r.suite} ${r.mutant} seed ${r.seed} (${r.verdict}, minimum ${r.minimum ?? "-"}):`);
  for (const c of r.shrunkTrace?.commands ?? []) console.log(`  ${JSON.stringify(c)}`);
}
