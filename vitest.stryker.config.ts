/**
 * The vitest configuration Stryker (stryker.config.mjs) runs: only the tests that judge impl/,
 * the unit tests next to it and the core conformance suite with its self-test. The CLI tests
 * (which spawn processes), the system suite and everything else stay out.
 *
 * IOASID_SEED fixes the seed of the conformance suite (properties/core/conformance.test.ts), so
 * every run judges each mutant on the same cases and scores are repeatable. The default is the
 * corpus seed (counterexamples/shrink/report.ts REPORT_SEEDS); set IOASID_SEED to try another.
 */
import { defineConfig } from "vitest/config";

/** The seed of every conformance run under Stryker. */
const MUTATION_SEED = "20261121";

export default defineConfig({
  test: {
    include: ["impl/**/*.test.ts", "properties/core/conformance.test.ts"],
    exclude: ["node_modules/**", "dist/**"],
    pool: "threads",
    testTimeout: 120_000,
    env: { IOASID_SEED: process.env["IOASID_SEED"] ?? MUTATION_SEED },
  },
});
