/**
 * `npm run bench`: prints the benchmark tables, one section per bench module, each under a short
 * header line.
 */
import { formatRows, runImplBench } from "./impl-throughput.js";
import { formatSuiteRows, runSuiteBench } from "./suite-throughput.js";
import { formatSystemRows, runSystemBench } from "./system-throughput.js";
import { formatParallelRows, runParallelBench } from "./parallel-throughput.js";
import { formatExploreRows, runExploreBench } from "./explore-throughput.js";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatRenderFigures, runBrowserBench, runRenderBench } from "./report-render.js";
import { CHROMIUM, hasChromium } from "../report/browser.js";

console.log("== impl/ throughput: optimized core vs. a bare Map of the same size (median of rounds; impl/floor = time per case / time per floor case)");
console.log(formatRows(runImplBench()));
console.log("");
const rounds = Number(process.env["IOASID_BENCH_ROUNDS"] ?? "3");
console.log(`== conformance-suite throughput: checked commands per second, vs. fast-check's own runner on a trivial model (${rounds} rounds; IOASID_BENCH_ROUNDS)`);
console.log(formatSuiteRows(runSuiteBench(1500, 80, rounds)));
console.log("");
console.log("== system-suite throughput: checked system commands per second (spec + impl twins, every property after every step)");
console.log(formatSystemRows(runSystemBench(1000, rounds)));
console.log("");
{
  const seconds = Number(process.env["IOASID_BENCH_PARALLEL_SECONDS"] ?? "10");
  const parallelRounds = Number(process.env["IOASID_BENCH_PARALLEL_ROUNDS"] ?? "2");
  const cpuRuns = Number(process.env["IOASID_BENCH_CPU_RUNS"] ?? "3000");
  console.log(`== threads and shards: the binary's core suite for ${seconds} s per configuration, and CPU per run at --runs ${cpuRuns}, ${parallelRounds} rounds (IOASID_BENCH_PARALLEL_SECONDS, IOASID_BENCH_CPU_RUNS, IOASID_BENCH_PARALLEL_ROUNDS; 0 rounds skips)`);
  if (parallelRounds > 0) console.log(formatParallelRows(await runParallelBench(seconds, parallelRounds, cpuRuns), seconds));
}
console.log("");
console.log("== explore throughput: distinct states per second, spec alone and on the bundled core (every transition run and checked)");
console.log(formatExploreRows(runExploreBench()));
console.log("");
console.log("== HTML report at scale: a 10,000-step trace (goal: rendered in under 2 s; medians of 3)");
{
  const f = runRenderBench();
  const file = join(mkdtempSync(join(tmpdir(), "ioasid-bench-")), "long.html");
  writeFileSync(file, f.html);
  console.log(formatRenderFigures(f, hasChromium() ? await runBrowserBench(file) : `not measured (no browser at ${CHROMIUM})`));
}
