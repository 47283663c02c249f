/**
 * The shrink report: for every core and driver variant and each of five seeds, the suite's
 * counterexample, the same after `shrinkTrace`, and the exhaustive minimum of the same failure
 * class (yardstick.ts); then how often the shrunk trace is exactly that short.
 *
 * Rules:
 *  1. The suite runs once per variant and seed (REPORT_SEEDS) with its default budget; its
 *     counterexample is recorded as a trace and shrunk.
 *  2. One exhaustive search per variant, to the longest shrunk trace of that variant, finds the
 *     minimum of every class the shrunk traces show.
 *  3. Verdicts: "equal" when the shrunk trace is as short as the minimum of its class; "equal
 *     (lower bound)" when no sequence of its class shorter than it exists in the searched space
 *     (the search was complete one level below it) although the search did not reach it (a
 *     driver variant's search stops one level below its longest shrunk trace, yardstick.ts
 *     rule 4, or the scope cannot express it); "longer by n"; "shorter" (the search's scope
 *     cannot express the shrunk trace); "undecided" (the search stopped too early).
 *  3a. A driver pair left undecided is judged again by a second search over the command kinds
 *     of its variant's undecided shrunk traces only (yardstick.ts rule 5): "equal (its kinds)"
 *     when no shorter sequence of its class made of those kinds exists (a weaker claim than
 *     "equal (lower bound)", counted apart), "longer by n" when it finds a shorter one.
 *  4. Goals (issue 11): equal for at least 90% of (variant, seed) pairs, never longer by more
 *     than one step.
 *  5. Timings are wall-clock milliseconds of this process (only reported, never judged).
 */
import { CORE_MUTANTS } from "../../properties/core/mutants/index.js";
import type { Mutant } from "../../properties/core/mutants/index.js";
import { DRIVER_MUTANTS } from "../../properties/system/mutants/index.js";
import type { DriverMutant } from "../../properties/system/mutants/index.js";
import { DEFAULT_CAPACITY, runCoreSuite } from "../../properties/core/suite.js";
import { runSystemSuite } from "../../properties/system/suite.js";
import { createImplCore } from "../../impl/index.js";
import type { Trace } from "../trace.js";
import { coreTrace, systemTrace } from "../record.js";
import { replayTrace } from "../replay.js";
import { shrinkTrace } from "./shrink.js";
import { classText, failureClassOf } from "./failure-class.js";
import type { Yardstick } from "./yardstick.js";
import { coreYardstick, driverYardstick } from "./yardstick.js";
import { alphabetOfKinds } from "./system-alphabet.js";
import type { SystemCommandKind } from "../../hw-model/system/commands.js";

/** Rule 1: the corpus seed, then four more. */
export const REPORT_SEEDS: readonly number[] = [20261121, 1, 2, 3, 4];

/** Rule 3. */
export type Verdict = "equal" | "equal (lower bound)" | "equal (its kinds)" | `longer by ${number}` | "shorter" | "undecided" | "not caught" | "refused";

/** One (variant, seed) pair. */
export interface ShrinkRow {
  readonly suite: "core" | "system";
  readonly mutant: string;
  readonly seed: number;
  readonly suiteLength: number | null;
  readonly shrunk: { readonly length: number; readonly cls: string; readonly replays: number; readonly ms: number } | { readonly error: string } | null;
  readonly shrunkTrace: Trace | null;
  /** The minimum of the shrunk trace's class, or null when none was found. */
  readonly minimum: number | null;
  readonly verdict: Verdict;
}

/** One variant's search. */
export interface SearchRow {
  readonly suite: "core" | "system";
  readonly mutant: string;
  readonly yardstick: Yardstick;
}

/** The whole report. */
export interface ShrinkReport {
  readonly rows: readonly ShrinkRow[];
  readonly searches: readonly SearchRow[];
  readonly ms: number;
}

/** Options. */
export interface ShrinkReportOptions {
  readonly seeds?: readonly number[];
  readonly core?: readonly Mutant[];
  readonly drivers?: readonly DriverMutant[];
  /** Time budget of each variant's search. */
  readonly searchMs?: number;
}

/** Rule 3. */
export const verdictOf = (length: number, minimum: number | null, searched: number): Verdict => {
  if (minimum !== null) return minimum === length ? "equal" : minimum < length ? `longer by ${length - minimum}` : "shorter";
  return searched >= length - 1 ? "equal (lower bound)" : "undecided";
};

interface Case {
  readonly seed: number;
  readonly trace: Trace | null;
  readonly shrunk: ShrinkRow["shrunk"];
  readonly shrunkTrace: Trace | null;
}

const shrinkCase = (seed: number, trace: Trace | null): Case => {
  if (trace === null) return { seed, trace, shrunk: null, shrunkTrace: null };
  const t0 = performance.now();
  const s = shrinkTrace(trace);
  if (!s.ok) return { seed, trace, shrunk: { error: s.error }, shrunkTrace: null };
  const cls = failureClassOf(replayTrace(s.trace));
  return { seed, trace, shrunk: { length: s.after, cls: cls === null ? "?" : classText(cls), replays: s.replays, ms: performance.now() - t0 }, shrunkTrace: s.trace };
};

const coreCase = (m: Mutant, seed: number): Case => {
  const r = runCoreSuite({ makeCore: (c) => m.make(c.capacity), seed });
  return shrinkCase(seed, r.failure === null ? null
    : coreTrace({ implementation: `mutant:${m.name}`, seed, path: r.failure.path, expect: "fail", note: m.breaks }, DEFAULT_CAPACITY, r.failure.commands));
};

const systemCase = (m: DriverMutant, seed: number): Case => {
  const r = runSystemSuite({ makeCore: () => createImplCore(), drivers: m.drivers, seed });
  return shrinkCase(seed, r.failure === null ? null
    : systemTrace({ implementation: `impl/drivers:${m.name}`, seed, path: r.failure.path, expect: "fail", note: m.breaks }, r.failure.commands));
};

const rowsOf = (suite: "core" | "system", mutant: string, cases: readonly Case[], y: Yardstick): readonly ShrinkRow[] =>
  cases.map((c) => {
    const base = { suite, mutant, seed: c.seed, suiteLength: c.trace?.commands.length ?? null, shrunk: c.shrunk, shrunkTrace: c.shrunkTrace };
    if (c.shrunk === null) return { ...base, minimum: null, verdict: "not caught" };
    if ("error" in c.shrunk) return { ...base, minimum: null, verdict: "refused" };
    const minimum = y.minima.get(c.shrunk.cls) ?? null;
    return { ...base, minimum, verdict: verdictOf(c.shrunk.length, minimum, y.searched) };
  });

/** Rule 3a: undecided pairs again, by a search over their shrunk traces' command kinds. */
const decideByKinds = (m: DriverMutant, cases: readonly Case[], rows: readonly ShrinkRow[], searchMs: number): { readonly rows: readonly ShrinkRow[]; readonly search: Yardstick | null } => {
  const open = cases.filter((_, i) => rows[i]?.verdict === "undecided");
  if (open.length === 0) return { rows, search: null };
  const kinds = new Set<SystemCommandKind>();
  for (const c of open) for (const x of c.shrunkTrace?.suite === "system" ? c.shrunkTrace.commands : []) kinds.add(x.op);
  const y = driverYardstick(m, classesOf(open), longest(open), searchMs, alphabetOfKinds(kinds));
  return {
    search: y,
    rows: rows.map((r) => {
      if (r.verdict !== "undecided" || r.shrunk === null || !("cls" in r.shrunk)) return r;
      const minimum = y.minima.get(r.shrunk.cls) ?? null;
      const v = verdictOf(r.shrunk.length, minimum, y.searched);
      return { ...r, minimum, verdict: v === "equal (lower bound)" ? "equal (its kinds)" : v };
    }),
  };
};

const classesOf = (cases: readonly Case[]): ReadonlySet<string> =>
  new Set(cases.flatMap((c) => (c.shrunk !== null && "cls" in c.shrunk ? [c.shrunk.cls] : [])));

const longest = (cases: readonly Case[]): number => Math.max(1, ...cases.map((c) => (c.shrunk !== null && "length" in c.shrunk ? c.shrunk.length : 0)));

/** Build the report (rules 1 to 3). */
export const buildShrinkReport = (opts: ShrinkReportOptions = {}): ShrinkReport => {
  const start = performance.now();
  const seeds = opts.seeds ?? REPORT_SEEDS;
  const searchMs = opts.searchMs ?? 60_000;
  const rows: ShrinkRow[] = [];
  const searches: SearchRow[] = [];
  for (const m of opts.core ?? CORE_MUTANTS) {
    const cases = seeds.map((seed) => coreCase(m, seed));
    const y = coreYardstick(m, classesOf(cases), longest(cases), searchMs);
    searches.push({ suite: "core", mutant: m.name, yardstick: y });
    rows.push(...rowsOf("core", m.name, cases, y));
  }
  for (const m of opts.drivers ?? DRIVER_MUTANTS) {
    const cases = seeds.map((seed) => systemCase(m, seed));
    const y = driverYardstick(m, classesOf(cases), longest(cases), searchMs);
    searches.push({ suite: "system", mutant: m.name, yardstick: y });
    const again = decideByKinds(m, cases, rowsOf("system", m.name, cases, y), searchMs);
    if (again.search !== null) searches.push({ suite: "system", mutant: m.name, yardstick: again.search });
    rows.push(...again.rows);
  }
  return { rows, searches, ms: performance.now() - start };
};

/** Rule 4: the pairs judged, how many equal, and the largest excess. */
export const judge = (r: ShrinkReport): { readonly judged: number; readonly equal: number; readonly lowerBound: number; readonly ofKinds: number; readonly maxExcess: number } => {
  const judged = r.rows.filter((x) => x.verdict !== "not caught" && x.verdict !== "refused");
  const equal = judged.filter((x) => x.verdict === "equal" || x.verdict === "equal (lower bound)").length;
  const lowerBound = judged.filter((x) => x.verdict === "equal (lower bound)").length;
  const ofKinds = judged.filter((x) => x.verdict === "equal (its kinds)").length;
  const maxExcess = Math.max(0, ...judged.map((x) => (x.shrunk !== null && "length" in x.shrunk && x.minimum !== null ? x.shrunk.length - x.minimum : 0)));
  return { judged: judged.length, equal, lowerBound, ofKinds, maxExcess };
};

const secs = (ms: number): string => `${(ms / 1000).toFixed(1)}s`;

/** The report as text: one line per pair, one per search, and the goals. */
export const renderShrinkReport = (r: ShrinkReport): string => {
  const head = ["suite", "mutant", "seed", "suite", "shrunk", "minimum", "verdict", "class"];
  const cells = r.rows.map((x) => [
    x.suite, x.mutant, String(x.seed), x.suiteLength === null ? "-" : String(x.suiteLength),
    x.shrunk === null ? "-" : "length" in x.shrunk ? String(x.shrunk.length) : "refused",
    x.minimum === null ? "-" : String(x.minimum), x.verdict,
    x.shrunk === null ? "not caught" : "cls" in x.shrunk ? x.shrunk.cls : x.shrunk.error,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? "").length)));
  const line = (c: readonly string[]) => c.map((s, i) => (i === c.length - 1 ? s : s.padEnd(widths[i] ?? 0))).join("  ").trimEnd();
  const j = judge(r);
  const pct = j.judged === 0 ? 0 : (100 * j.equal) / j.judged;
  return [
    line(head),
    line(widths.map((w) => "-".repeat(w))),
    ...cells.map(line),
    "",
    "searches (the minimum of each class; 'searched' = every sequence up to that length checked):",
    ...r.searches.map((s) => `  ${s.suite.padEnd(6)} ${s.mutant.padEnd(30)} by ${s.yardstick.by.padEnd(7)} searched ${s.yardstick.searched}, shortest of any class ${s.yardstick.anyClass ?? "-"}, ${s.yardstick.minima.size} classes found, ${secs(s.yardstick.ms)}`),
    "",
    `shrunk length equals the exhaustive minimum of its class for ${j.equal}/${j.judged} (variant, seed) pairs (${pct.toFixed(0)}%; goal >= 90%):`,
    `  ${j.equal - j.lowerBound} as long as the shortest one found, ${j.lowerBound} with none shorter in the searched space (the search stopped one level below)`,
    `${j.ofKinds} more with none shorter among sequences of their own command kinds (rule 3a): ${j.equal + j.ofKinds}/${j.judged} (${(j.judged === 0 ? 0 : (100 * (j.equal + j.ofKinds)) / j.judged).toFixed(0)}%)`,
    `largest excess: ${j.maxExcess} step(s) (goal <= 1)`,
    `total time ${secs(r.ms)}`,
  ].join("\n");
};
