import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "dist/**", ".stryker-tmp/**"],
    pool: "threads",
    testTimeout: 120_000,
  },
});
