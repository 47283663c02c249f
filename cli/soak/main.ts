/**
 * `npm run soak [-- --minutes N] [--workers N] [--seed N] [--runs N]`: soak the main job's suites on the
 * bundled implementation (soak.ts) and print per suite the runs, commands and counterexamples,
 * then every counterexample with its replay line. Exit 0 when none was found, 1 otherwise,
 * 2 for a bad option.
 */
import { parseSoakOptions, SoakUsageError } from "./options.js";
import { soak } from "./soak.js";
import { formatSoak } from "./format.js";

const out = (s: string) => process.stdout.write(`${s}\n`);

const main = async (): Promise<number> => {
  let opts;
  try {
    opts = parseSoakOptions(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof SoakUsageError)) throw e;
    process.stderr.write(`soak: ${e.message}\n`);
    return 2;
  }
  out(`soak: core and system suites on the bundled implementation for ${opts.minutes} min, ${opts.workers} worker${opts.workers === 1 ? "" : "s"}`);
  const report = await soak({ budgetMs: opts.minutes * 60000, workers: opts.workers, ...(opts.seed === undefined ? {} : { firstSeed: opts.seed }), ...(opts.runs === undefined ? {} : { runs: opts.runs }) }, (round, seed, results) => {
    const line = results.filter((r) => r.failure !== null).map((r) => `${r.suite} COUNTEREXAMPLE`).join(", ");
    process.stderr.write(`round ${round} seed ${seed}: ${line === "" ? "ok" : line}\n`);
  });
  out(formatSoak(report));
  return report.findings.length === 0 ? 0 : 1;
};

process.exitCode = await main();
