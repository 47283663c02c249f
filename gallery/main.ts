/**
 * `npm run mutants`: runs the gallery of broken variants and prints its scorecard. Exits 1 when
 * a goal fails.
 *
 * Options:
 *  --seeds 1,2,3     run every variant once per seed (default: the gallery's fixed seed)
 *  --seed-count N    run every variant on N seeds derived from the gallery's seed
 *  --suite S         only the core variants (core) or only the broken drivers (system)
 *  --no-shrink       skip shrinkTrace (the time-to-detect measurement does not need it)
 * `npm run mutants:detect` is `--suite system --seed-count 20 --no-shrink`: the broken drivers'
 * time to detect over 20 seeds.
 */
import { DEFAULT_CORE_RUNS } from "../properties/core/suite.js";
import { CORE_MUTANTS } from "../properties/core/mutants/index.js";
import { DEFAULT_SYSTEM_RUNS } from "../properties/system/suite.js";
import { DRIVER_MUTANTS } from "../properties/system/mutants/index.js";
import { GALLERY_SEED, runGallery } from "./run-gallery.js";
import { formatScorecard, judgeGoals } from "./scorecard.js";

const valueOf = (argv: readonly string[], flag: string): string | null => {
  const i = argv.indexOf(flag);
  return i < 0 ? null : argv[i + 1] ?? "";
};

/** The seeds named by `--seeds a,b,c` or `--seed-count N`, or null when absent; throws on a malformed value. */
const parseSeeds = (argv: readonly string[]): number[] | null => {
  const list = valueOf(argv, "--seeds");
  const count = valueOf(argv, "--seed-count");
  if (list !== null) {
    const parts = list.split(",").map((s) => s.trim());
    const seeds = parts.map(Number);
    if (seeds.some((s, k) => parts[k] === "" || !Number.isSafeInteger(s))) throw new Error(`--seeds wants a comma-separated list of integers, got "${list}"`);
    return seeds;
  }
  if (count === null) return null;
  const n = Number(count);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`--seed-count wants a positive integer, got "${count}"`);
  return Array.from({ length: n }, (_, k) => GALLERY_SEED + k * 7919);
};

const argv = process.argv.slice(2);
const suite = valueOf(argv, "--suite");
if (suite !== null && suite !== "core" && suite !== "system") throw new Error(`--suite wants core or system, got "${suite}"`);
const seeds = parseSeeds(argv) ?? [GALLERY_SEED];
console.log(`== broken-variant gallery: core suite (${DEFAULT_CORE_RUNS} runs) on each core variant, system suite (${DEFAULT_SYSTEM_RUNS} runs) on impl with each broken driver; seeds ${seeds.join(", ")}`);
console.log("   runs = fast-check runs to the first failure; ms to 1st failure = to the end of the failing run (shrinking excluded); total ms = the whole suite call");
console.log("   suite steps = the suite's shrunk trace; shrunk steps = after counterexamples/shrink shrinkTrace");
console.log("");
const rows = runGallery({
  seeds,
  core: suite === "system" ? [] : CORE_MUTANTS,
  drivers: suite === "core" ? [] : DRIVER_MUTANTS,
  shrink: !argv.includes("--no-shrink"),
});
console.log(formatScorecard(rows));
if (judgeGoals(rows).some((g) => !g.pass)) process.exitCode = 1;
