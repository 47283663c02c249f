/**
 * Generated README sections. Each lives between `<!-- BEGIN name -->` and `<!-- END name -->`
 * markers; `npm run docs` rewrites them and a test fails when the README is out of date.
 */
import type { Decision } from "../spec/decisions.js";
import type { Mutant } from "../properties/core/mutants/index.js";
import type { DriverMutant } from "../properties/system/mutants/index.js";

const escapeCell = (s: string): string => s.replaceAll("|", "\\|");

/** The decision table as Markdown. */
export const renderDecisionTable = (decisions: readonly Decision[]): string => {
  const row = (d: Decision) => `| ${d.id} | ${escapeCell(d.topic)} | ${escapeCell(d.ruling)} | ${escapeCell(d.reason)} |`;
  const holds = decisions.filter((d) => d.holds);
  const not = decisions.filter((d) => !d.holds);
  return [
    "| id | topic | ruling | reason |", "|---|---|---|---|", ...holds.map(row), "",
    "What deliberately does **not** hold:", "",
    "| id | topic | claim that does not hold | reason |", "|---|---|---|---|", ...not.map(row),
  ].join("\n");
};

/** The broken variants as a Markdown table. */
export const renderMutantTable = (mutants: ReadonlyArray<Mutant | DriverMutant>): string =>
  ["| variant | what the bug breaks |", "|---|---|", ...mutants.map((m) => `| \`${m.name}\` | ${escapeCell(m.breaks)} |`)].join("\n");

/** Every generated section of the README, by marker name. */
export const renderSections = (decisions: readonly Decision[], mutants: readonly Mutant[], drivers: readonly DriverMutant[]): ReadonlyArray<readonly [string, string]> => [
  ["decisions", renderDecisionTable(decisions)],
  ["core-mutants", renderMutantTable(mutants)],
  ["driver-mutants", renderMutantTable(drivers)],
];

/** Replace the body of one marked section; throws if the markers are missing. */
export const replaceSection = (text: string, name: string, body: string): string => {
  const begin = `<!-- BEGIN ${name} -->`;
  const end = `<!-- END ${name} -->`;
  const i = text.indexOf(begin);
  const j = text.indexOf(end);
  if (i < 0 || j < i) throw new Error(`README has no section ${name} (markers ${begin} ... ${end})`);
  return `${text.slice(0, i + begin.length)}\n${body}\n${text.slice(j)}`;
};
