/**
 * `npm run bench`: prints the benchmark tables, one section per bench module, each under a short
 * header line.
 */
import { formatRows, runImplBench } from "./impl-throughput.js";
import { formatSuiteRows, runSuiteBench } from "./suite-throughput.js";
import { runSystemBench } from "./system-throughput.js";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatRenderFigures, runBrowserBench, runRenderBench } from "./report-render.js";
import { CHROMIUM, hasChromium } from "../report/browser.js";

console.log("== impl/ throughput: optimized core vs. a bare Map of the same size (median of rounds; impl/floor = time per case / time per floor case)");
console.log(formatRows(runImplBench()));
console.log("");
console.log("== conformance-suite throughput: checked commands per second, vs. fast-check's own runner on a trivial model");
console.log(formatSuiteRows(runSuiteBench()));
console.log("");
console.log("== system-suite throughput: checked system commands per second (spec + impl twins, every property after every step)");
{
  const r = runSystemBench();
  const trivial = runSuiteBench(300)[1];
  console.log(`${r.name.padEnd(52)} ${String(r.commands).padStart(8)} commands ${r.ms.toFixed(0).padStart(7)} ms ${Math.round(r.perSecond).toLocaleString("en-US").padStart(10)} /s`);
  if (trivial !== undefined) console.log(`system cost per command / fast-check's own on a trivial model: ${(trivial.perSecond / r.perSecond).toFixed(1)}x`);
}
console.log("");
console.log("== HTML report at scale: a 10,000-step trace (goal: rendered in under 2 s; medians of 3)");
{
  const f = runRenderBench();
  const file = join(mkdtempSync(join(tmpdir(), "ioasid-bench-")), "long.html");
  writeFileSync(file, f.html);
  console.log(formatRenderFigures(f, hasChromium() ? await runBrowserBench(file) : `not measured (no browser at ${CHROMIUM})`));
}
