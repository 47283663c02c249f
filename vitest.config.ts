import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "dist/**", ".stryker-tmp/**"],
    pool: "threads",
    // Two test files at a time: on a 2-core machine vitest's default runs one, and most of the
    // slow files wait on the processes they start (implementations, the binary, a compiler).
    maxWorkers: 2,
    testTimeout: 120_000,
  },
});
