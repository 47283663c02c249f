/**
 * `npm run docs`: rewrite the generated sections of README.md.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { DECISIONS } from "../spec/decisions.js";
import { renderDecisionTable, replaceSection } from "./readme-sections.js";

const path = "README.md";
const before = readFileSync(path, "utf8");
const after = replaceSection(before, "decisions", renderDecisionTable(DECISIONS));
if (after !== before) writeFileSync(path, after);
console.log(after === before ? "README.md is up to date" : "README.md updated");
