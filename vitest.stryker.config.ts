/**
 * The vitest configuration Stryker (stryker.config.mjs) runs: only the tests that judge impl/,
 * the unit tests next to it and the core conformance suite with its self-test. The CLI tests
 * (which spawn processes), the system suite and everything else stay out.
 */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["impl/**/*.test.ts", "properties/core/conformance.test.ts"],
    exclude: ["node_modules/**", "dist/**"],
    pool: "threads",
    testTimeout: 120_000,
  },
});
