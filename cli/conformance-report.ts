/**
 * `validate --report FILE`: per decision of the table (spec/decisions.ts), whether the core's
 * behaviour was exercised and agreed or departed, with the distinct departures and their traces.
 *
 * Rules:
 *  1. The pass runs `runs` generated sequences (seeds `seed`, `seed + 1`, ...) with the core
 *     suite's generator and checks (properties/conformance/tagged-run.ts); every step that agreed
 *     credits the decisions it exercised (ledger.ts rule 1).
 *  2. It keeps looking after the first failure: each failing run is classified by its failure
 *     class (counterexamples/shrink/failure-class.ts). A class not seen before is shrunk on the
 *     same core (shrinkTrace), tagged at the shrunk trace's diverging step, and stored in the
 *     findings store, up to MAX_CLASSES distinct classes; a class seen again adds one run to its
 *     departure. Further new classes beyond the bound are counted, not shrunk.
 *  3. The file is JSON when its name ends in `.json`, text otherwise; both list every decision,
 *     then the departures grouped by failure class with the decisions they touch and their traces.
 */
import * as fc from "fast-check";
import { writeFileSync } from "node:fs";
import { abstractCommandArb } from "../properties/core/arbitrary.js";
import { DEFAULT_CAPACITY } from "../properties/core/suite.js";
import { fromAbstract, fromCommands, taggedRun } from "../properties/conformance/tagged-run.js";
import { ConformanceLedger, formatConformance } from "../properties/conformance/ledger.js";
import type { DecisionConformance } from "../properties/conformance/ledger.js";
import type { DecisionId } from "../properties/conformance/decision-tags.js";
import { DECISIONS } from "../spec/decisions.js";
import { coreTrace } from "../counterexamples/record.js";
import { replayCore } from "../counterexamples/replay.js";
import { classText, failureClassOf, shrinkTrace } from "../counterexamples/shrink/index.js";
import type { CoreTarget, OpenedCore } from "./core-target.js";
import { sourceFor } from "./core-target.js";
import { findingName, writeFinding } from "./findings.js";

/** Rule 2: distinct failure classes shrunk and stored. */
export const MAX_CLASSES = 8;
/** Rule 1: runs of the pass when validate has no --runs. */
export const DEFAULT_CONFORMANCE_RUNS = 400;

/** One distinct departure (rule 2). */
export interface DepartureGroup {
  readonly class: string;
  readonly decisions: readonly DecisionId[];
  readonly runs: number;
  readonly steps: { readonly before: number; readonly after: number } | null;
  readonly trace: string | null;
  readonly detail: string;
}

/** The pass's result. */
export interface ConformanceResult {
  readonly who: string;
  readonly runs: number;
  readonly seed: number;
  readonly failingRuns: number;
  readonly ledger: ConformanceLedger;
  readonly groups: readonly DepartureGroup[];
  /** Classes beyond MAX_CLASSES, counted only. */
  readonly unshrunkClasses: number;
  /** Decisions that depart. */
  readonly departing: number;
  readonly summary: string;
}

interface Group {
  readonly cls: string;
  decisions: readonly DecisionId[];
  runs: number;
  readonly steps: { readonly before: number; readonly after: number } | null;
  readonly trace: string | null;
  readonly detail: string;
}

/** The first line of a detail that says something on its own ("expected" alone does not). */
const firstLine = (s: string): string => s.split("\n").find((l) => l.trim() !== "" && l.trim() !== "expected") ?? "";

/** Rules 1 and 2. */
export const conformanceReport = (opened: OpenedCore, target: CoreTarget, dir: string, opts: { readonly seed: number; readonly runs?: number }): ConformanceResult => {
  const runs = opts.runs ?? DEFAULT_CONFORMANCE_RUNS;
  const ledger = new ConformanceLedger();
  const groups = new Map<string, Group>();
  let failingRuns = 0;
  let unshrunk = 0;
  const seen = new Set<string>();
  for (let run = 0; run < runs; run++) {
    const seed = (opts.seed + run) | 0;
    const [abs] = fc.sample(fc.array(abstractCommandArb, { minLength: 40, maxLength: 80 }), { numRuns: 1, seed });
    const r = taggedRun(opened.make, DEFAULT_CAPACITY, fromAbstract(abs ?? []));
    for (const tags of r.agreed) ledger.agreed(tags);
    const f = r.failure;
    if (f === null) continue;
    failingRuns++;
    const p = { implementation: opened.who, seed, path: null, expect: "pass" as const, note: `found by ioasid-check validate --report on ${opened.who} (conformance run ${run})`, core: sourceFor(target, opened, dir) };
    const trace = coreTrace(p, DEFAULT_CAPACITY, r.commands, opened.make);
    const cls = failureClassOf(replayCore(trace, opened.make));
    const key = cls === null ? `${f.kind} (not reproduced on replay)` : classText(cls);
    const known = groups.get(key);
    if (known !== undefined) {
      known.runs++;
      ledger.departed(known.decisions, known.cls, known.detail, known.trace);
      continue;
    }
    if (seen.has(key)) continue;
    seen.add(key);
    if (groups.size >= MAX_CLASSES || cls === null) {
      unshrunk++;
      ledger.departed(f.tags, key, firstLine(f.detail), null);
      continue;
    }
    const s = shrinkTrace(trace, { core: opened.make });
    const shrunk = s.ok ? s.trace : trace;
    const again = taggedRun(opened.make, DEFAULT_CAPACITY, fromCommands(shrunk.suite === "core" ? shrunk.commands : []));
    const tags = again.failure?.tags ?? f.tags;
    const file = writeFinding(dir, findingName("core", opened.who, seed, `-${groups.size + 1}`), shrunk);
    const g: Group = { cls: key, decisions: tags, runs: 1, steps: s.ok ? { before: s.before, after: s.after } : null, trace: file, detail: firstLine(again.failure?.detail ?? f.detail) };
    groups.set(key, g);
    ledger.departed(tags, key, g.detail, file);
  }
  const rows = ledger.rows(DECISIONS);
  const departing = rows.filter((x) => x.status === "departs").length;
  const agreeing = rows.filter((x) => x.status === "agrees").length;
  const notExercised = rows.filter((x) => x.status === "not exercised" && DECISIONS.find((d) => d.id === x.id)?.holds === true).length;
  const summary = `${agreeing} decisions agree, ${departing} depart, ${notExercised} not exercised; ${failingRuns} of ${runs} runs failed, ${groups.size} distinct departure${groups.size === 1 ? "" : "s"} shrunk and stored`;
  return {
    who: opened.who, runs, seed: opts.seed, failingRuns, ledger, unshrunkClasses: unshrunk, departing, summary,
    groups: [...groups.values()].map((g) => ({ class: g.cls, decisions: g.decisions, runs: g.runs, steps: g.steps, trace: g.trace, detail: g.detail })),
  };
};

const rowsJson = (rows: readonly DecisionConformance[]) => rows.map((r) => ({
  id: r.id, topic: r.topic, status: r.status, exercised: r.exercised, agreed: r.agreed,
  traces: [...new Set(r.departures.flatMap((d) => d.traces))], departures: r.departures.map((d) => ({ class: d.class, detail: d.detail, traces: d.traces })),
}));

/** Rule 3: the report as text. */
export const formatConformanceReport = (c: ConformanceResult): string => {
  const rows = c.ledger.rows(DECISIONS).filter((r) => DECISIONS.find((d) => d.id === r.id)?.holds === true);
  const lines = [
    `conformance of ${c.who} to the decision table: ${c.runs} runs from seed ${c.seed}`,
    c.summary, "", formatConformance(rows), "",
    c.groups.length === 0 ? "no departures" : "departures, by failure class:",
  ];
  for (const g of c.groups) {
    lines.push(`  ${g.class}`);
    lines.push(`    decisions: ${g.decisions.length === 0 ? "(none tagged)" : g.decisions.join(", ")}; ${g.runs} failing run${g.runs === 1 ? "" : "s"}${g.steps === null ? "" : `; shrunk ${g.steps.before} -> ${g.steps.after} steps`}`);
    if (g.trace !== null) lines.push(`    trace: ${g.trace}`);
  }
  if (c.unshrunkClasses > 0) lines.push(`  (${c.unshrunkClasses} further failure classes seen, not shrunk: the bound is ${MAX_CLASSES})`);
  const byDecision = rows.filter((r) => r.status === "departs");
  if (byDecision.length > 0) {
    lines.push("", "departures, by decision:");
    for (const r of byDecision) lines.push(`  ${r.id} ${r.topic}: ${r.departures.map((d) => d.class).join("; ")}`);
  }
  return lines.join("\n");
};

/** Rule 3: write the report. */
export const writeConformance = (file: string, c: ConformanceResult): void => {
  const text = file.endsWith(".json")
    ? JSON.stringify({ implementation: c.who, runs: c.runs, seed: c.seed, failingRuns: c.failingRuns, summary: c.summary, decisions: rowsJson(c.ledger.rows(DECISIONS)), departures: c.groups, unshrunkClasses: c.unshrunkClasses }, null, 2)
    : formatConformanceReport(c);
  writeFileSync(file, `${text}\n`);
};
