/**
 * `npm run docs`: rewrite the generated sections of README.md.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { DECISIONS } from "../spec/decisions.js";
import { CORE_MUTANTS } from "../properties/core/mutants/index.js";
import { DRIVER_MUTANTS } from "../properties/system/mutants/index.js";
import { renderSections, replaceSection } from "./readme-sections.js";

const path = "README.md";
const before = readFileSync(path, "utf8");
const after = renderSections(DECISIONS, CORE_MUTANTS, DRIVER_MUTANTS).reduce((text, [name, body]) => replaceSection(text, name, body), before);
if (after !== before) writeFileSync(path, after);
console.log(after === before ? "README.md is up to date" : "README.md updated");
