/**
 * `npm run mutants`: runs the gallery of broken variants and prints its scorecard. Optional
 * `--seeds 1,2,3` runs every variant once per seed (default: the gallery's fixed seed). Exits 1
 * when a goal fails.
 */
import { DEFAULT_CORE_RUNS } from "../properties/core/suite.js";
import { DEFAULT_SYSTEM_RUNS } from "../properties/system/suite.js";
import { GALLERY_SEED, runGallery } from "./run-gallery.js";
import { formatScorecard, judgeGoals } from "./scorecard.js";

/** The seeds named by `--seeds a,b,c`, or null when absent; throws on a malformed list. */
const parseSeeds = (argv: readonly string[]): number[] | null => {
  const i = argv.indexOf("--seeds");
  if (i < 0) return null;
  const list = (argv[i + 1] ?? "").split(",").map((s) => s.trim());
  const seeds = list.map(Number);
  if (list.length === 0 || seeds.some((s, k) => list[k] === "" || !Number.isSafeInteger(s))) {
    throw new Error(`--seeds wants a comma-separated list of integers, got "${argv[i + 1] ?? ""}"`);
  }
  return seeds;
};

const seeds = parseSeeds(process.argv.slice(2)) ?? [GALLERY_SEED];
console.log(`== broken-variant gallery: core suite (${DEFAULT_CORE_RUNS} runs) on each core variant, system suite (${DEFAULT_SYSTEM_RUNS} runs) on impl with each broken driver; seeds ${seeds.join(", ")}`);
console.log("   runs = fast-check runs to the first failure; ms to 1st failure = to the end of the failing run (shrinking excluded); total ms = the whole suite call");
console.log("   suite steps = the suite's shrunk trace; shrunk steps = after counterexamples/shrink shrinkTrace");
console.log("");
const rows = runGallery({ seeds });
console.log(formatScorecard(rows));
if (judgeGoals(rows).some((g) => !g.pass)) process.exitCode = 1;
