// @ts-check
/**
 * `npm run mutation`: StrykerJS mutation testing of impl/ (the optimized core), judged by the tests
 * in vitest.stryker.config.ts. Reports: clear text on stdout, JSON in reports/mutation/.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
const config = {
  packageManager: "npm",
  testRunner: "vitest",
  vitest: { configFile: "vitest.stryker.config.ts" },
  mutate: ["impl/**/*.ts", "!impl/**/*.test.ts", "!impl/test-support.ts"],
  coverageAnalysis: "perTest",
  reporters: ["clear-text", "json", "progress"],
  clearTextReporter: { allowColor: false, logTests: false, reportTests: false, reportMutants: true, reportScoreTable: true },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  // Two cores: one test-runner worker each (Stryker's vitest runner runs each worker's tests in one thread).
  concurrency: 2,
  // A mutant that loops is cut off after 1.5 x its tests' normal time + 5 s (Stryker's defaults).
  timeoutMS: 5_000,
  // Results are kept, so a run restricted with --mutate (the hot files first) is reused by the next one.
  incremental: true,
  incrementalFile: "reports/mutation/stryker-incremental.json",
  thresholds: { high: 90, low: 80, break: 70 },
  ignorePatterns: ["dist", "reports", "counterexamples/corpus"],
  tempDirName: ".stryker-tmp",
  // TypeScript 7's package has no JS compiler API (ts.parseConfigFileTextToJson), which Stryker's
  // sandbox tsconfig rewriting calls. Our tsconfigs have no extends or references outside the
  // project, so nothing needs rewriting: name a tsconfig that does not exist and the step is skipped.
  tsconfigFile: "tsconfig.stryker-skips-rewrite.json",
};
export default config;
