/**
 * The README's generated sections are up to date (run `npm run docs` to refresh them).
 */
import { expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DECISIONS } from "../spec/decisions.js";
import { renderSections, replaceSection } from "../cli/readme-sections.js";
import { CORE_MUTANTS } from "../properties/core/mutants/index.js";
import { DRIVER_MUTANTS } from "../properties/system/mutants/index.js";

it("README shows the current generated sections (decision table, broken variants)", () => {
  const text = readFileSync("README.md", "utf8");
  const regenerated = renderSections(DECISIONS, CORE_MUTANTS, DRIVER_MUTANTS).reduce((t, [name, body]) => replaceSection(t, name, body), text);
  expect(regenerated).toBe(text);
});

it("every decision id is unique, and every ruling that holds is cited by the spec code", () => {
  const ids = DECISIONS.map((d) => d.id);
  expect(new Set(ids).size).toBe(ids.length);
  const files = readdirSync("spec", { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts") && !f.endsWith("decisions.ts"));
  const code = files.map((f) => readFileSync(join("spec", f), "utf8")).join("\n");
  const uncited = DECISIONS.filter((d) => d.holds && !new RegExp(`\\b${d.id}\\b`).test(code)).map((d) => d.id);
  expect(uncited).toEqual([]);
});
