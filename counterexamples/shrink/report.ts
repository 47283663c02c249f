/**
 * The shrink report: for every core and driver mutant, the counterexample the suite gave (its
 * stored corpus trace), the same after shrinkTrace, and the shortest failing sequence the
 * breadth-first search finds; then how often shrinkTrace reached the shortest length.
 *
 * Rules:
 *  1. The suite's trace is the stored corpus file `core-<name>.json` / `system-<name>.json`; when
 *     it is missing or unreadable, the suite runs once with the corpus seed to make it.
 *  2. "equal" means the shrunk trace is exactly as long as the BFS shortest. When the search ran
 *     out of budget after checking every sequence shorter than the shrunk trace without a
 *     failure, nothing shorter exists in the searched space: that also counts as equal, marked
 *     as a lower bound. Otherwise (a shorter one found, or too little searched) it is not.
 *  3. The whole report has one time budget (default 110 s): the system searches run first, then
 *     the core ones from the shortest shrunk trace up, each with a fair share of what is left.
 *  4. Every timing is wall-clock milliseconds of this process.
 */
import { join } from "node:path";
import { CORE_MUTANTS } from "../../properties/core/mutants/index.js";
import type { Mutant } from "../../properties/core/mutants/index.js";
import { DRIVER_MUTANTS } from "../../properties/system/mutants/index.js";
import type { DriverMutant } from "../../properties/system/mutants/index.js";
import { DEFAULT_CAPACITY, runCoreSuite } from "../../properties/core/suite.js";
import { runSystemSuite } from "../../properties/system/suite.js";
import { createImplCore } from "../../impl/index.js";
import type { Trace } from "../trace.js";
import { readTrace } from "../store.js";
import { coreTrace, systemTrace } from "../record.js";
import { shrinkTrace } from "./shrink.js";
import type { BfsOutcome } from "./bfs.js";
import { bfsCoreMutant, bfsDriverMutant } from "./bfs.js";

/** Where the corpus lives and the seed it was made with (build-corpus.ts). */
export const CORPUS_DIR = "counterexamples/corpus";
export const CORPUS_SEED = 20261121;

/** How a shrunk length compares with the search (rule 2). */
export type Verdict = "equal" | "equal (lower bound)" | "BFS shorter" | "shrink shorter" | "undecided";

/** One mutant's row. */
export interface ShrinkRow {
  readonly suite: "core" | "system";
  readonly mutant: string;
  readonly source: "corpus" | "suite";
  /** Length of the suite's (fast-check shrunk) counterexample. */
  readonly suiteLength: number;
  readonly shrunk: { readonly length: number; readonly kind: string; readonly replays: number } | { readonly error: string };
  readonly shrunkTrace: Trace | null;
  readonly shrinkMs: number;
  readonly bfs: BfsOutcome;
  readonly verdict: Verdict;
}

/** The whole report. */
export interface ShrinkReport {
  readonly rows: readonly ShrinkRow[];
  /** Rows whose verdict is "equal" or "equal (lower bound)". */
  readonly equal: number;
  readonly ms: number;
}

/** Options. */
export interface ShrinkReportOptions {
  /** The time budget of the whole report (rule 3). */
  readonly totalMs?: number;
  readonly dir?: string;
}

const stored = (file: string): Trace | null => {
  try {
    return readTrace(file);
  } catch {
    return null;
  }
};

/** Rule 1, core. */
const coreSource = (m: Mutant, dir: string): Source => {
  const t = stored(join(dir, `core-${m.name}.json`));
  if (t !== null) return { trace: t, source: "corpus" };
  const r = runCoreSuite({ makeCore: (c) => m.make(c.capacity), seed: CORPUS_SEED });
  const trace = r.failure === null ? null
    : coreTrace({ implementation: `mutant:${m.name}`, seed: r.seed, path: r.failure.path, expect: "fail", note: m.breaks }, DEFAULT_CAPACITY, r.failure.commands);
  return { trace, source: "suite" };
};

/** Rule 1, system. */
const systemSource = (m: DriverMutant, dir: string): Source => {
  const t = stored(join(dir, `system-${m.name}.json`));
  if (t !== null) return { trace: t, source: "corpus" };
  const r = runSystemSuite({ makeCore: () => createImplCore(), drivers: m.drivers, seed: CORPUS_SEED });
  const trace = r.failure === null ? null
    : systemTrace({ implementation: `impl/drivers:${m.name}`, seed: r.seed, path: r.failure.path, expect: "fail", note: m.breaks }, r.failure.commands);
  return { trace, source: "suite" };
};

interface Source {
  readonly trace: Trace | null;
  readonly source: "corpus" | "suite";
}

/** A mutant, its source trace and shrink, before its search. */
interface Pending {
  readonly suite: "core" | "system";
  readonly mutant: string;
  readonly src: Source;
  readonly shrunk: ShrinkRow["shrunk"];
  readonly shrunkTrace: Trace | null;
  readonly shrinkMs: number;
  readonly search: (maxMs: number) => BfsOutcome;
}

const prepare = (suite: "core" | "system", mutant: string, src: Source, search: (maxMs: number) => BfsOutcome): Pending => {
  const t0 = performance.now();
  const s = src.trace === null ? null : shrinkTrace(src.trace);
  const shrunk = s === null ? { error: "the suite found no counterexample" } : s.ok ? { length: s.after, kind: s.kind, replays: s.replays } : { error: s.error };
  return { suite, mutant, src, shrunk, shrunkTrace: s !== null && s.ok ? s.trace : null, shrinkMs: performance.now() - t0, search };
};

/** Rule 2. */
export const verdictOf = (shrunkLength: number | null, bfs: BfsOutcome): Verdict => {
  if (shrunkLength === null) return "undecided";
  const found = bfs.trace?.commands.length;
  if (found !== undefined) return found === shrunkLength ? "equal" : found < shrunkLength ? "BFS shorter" : "shrink shorter";
  return bfs.stats.complete >= shrunkLength - 1 ? "equal (lower bound)" : "undecided";
};

/** Build the report (rules 1 to 4). */
export const buildShrinkReport = (opts: ShrinkReportOptions = {}): ShrinkReport => {
  const start = performance.now();
  const deadline = start + (opts.totalMs ?? 110_000);
  const dir = opts.dir ?? CORPUS_DIR;
  const pending = [
    ...CORE_MUTANTS.map((m) => prepare("core", m.name, coreSource(m, dir), (maxMs) => bfsCoreMutant(m, { maxMs }))),
    ...DRIVER_MUTANTS.map((m) => prepare("system", m.name, systemSource(m, dir), (maxMs) => bfsDriverMutant(m, { maxMs }))),
  ];
  const length = (p: Pending) => ("length" in p.shrunk ? p.shrunk.length : Number.POSITIVE_INFINITY);
  const order = [...pending].sort((a, b) => (a.suite === b.suite ? length(a) - length(b) : a.suite === "system" ? -1 : 1));
  const outcomes = new Map<Pending, BfsOutcome>();
  order.forEach((p, i) => {
    const share = Math.max(1000, (deadline - performance.now()) / (order.length - i));
    outcomes.set(p, p.search(share));
  });
  const rows = pending.flatMap((p): ShrinkRow[] => {
    const bfs = outcomes.get(p);
    if (bfs === undefined) return [];
    const verdict = verdictOf("length" in p.shrunk ? p.shrunk.length : null, bfs);
    return [{ suite: p.suite, mutant: p.mutant, source: p.src.source, suiteLength: p.src.trace?.commands.length ?? 0, shrunk: p.shrunk, shrunkTrace: p.shrunkTrace, shrinkMs: p.shrinkMs, bfs, verdict }];
  });
  return { rows, equal: rows.filter((r) => r.verdict === "equal" || r.verdict === "equal (lower bound)").length, ms: performance.now() - start };
};

const secs = (ms: number): string => `${(ms / 1000).toFixed(1)}s`;
const millis = (ms: number): string => `${Math.round(ms)}ms`;

const bfsCell = (x: ShrinkRow): string => {
  const s = x.bfs.stats;
  if (x.bfs.trace !== null) return `${x.bfs.trace.commands.length} (${x.bfs.trace.violation?.kind ?? "UNCONFIRMED"})`;
  return `>= ${s.complete + 1} (none <= ${s.complete}, ${s.stoppedBy})`;
};

/** The report as a table, the fraction equal and the total time. */
export const renderShrinkReport = (r: ShrinkReport): string => {
  const head = ["suite", "mutant", "fast-check", "shrinkTrace", "BFS shortest", "equal?", "shrink", "BFS", "BFS checks/states"];
  const cells = r.rows.map((x) => [
    x.suite,
    x.mutant,
    `${x.suiteLength}${x.source === "suite" ? " (run)" : ""}`,
    "length" in x.shrunk ? `${x.shrunk.length} (${x.shrunk.kind}, ${x.shrunk.replays} replays)` : `refused: ${x.shrunk.error}`,
    bfsCell(x),
    x.verdict === "equal" ? "yes" : x.verdict === "equal (lower bound)" ? "yes*" : `NO: ${x.verdict}`,
    millis(x.shrinkMs),
    secs(x.bfs.stats.ms),
    `${x.bfs.stats.checked}/${x.bfs.stats.expanded}`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? "").length)));
  const line = (c: readonly string[]) => c.map((s, i) => s.padEnd(widths[i] ?? 0)).join("  ").trimEnd();
  const pct = r.rows.length === 0 ? 0 : (100 * r.equal) / r.rows.length;
  const lower = r.rows.filter((x) => x.verdict === "equal (lower bound)").length;
  return [
    line(head),
    line(widths.map((w) => "-".repeat(w))),
    ...cells.map(line),
    "",
    "fast-check: the stored corpus trace (\"(run)\": made by a suite run with the corpus seed, no stored trace yet).",
    "BFS shortest: the first depth with a failing sequence, from the spec's initial state; \"none <= d\": every sequence up to d passed.",
    ...(lower === 0 ? [] : ["yes*: the search checked every sequence shorter than the shrunk trace without a failure, then ran out of budget."]),
    `shrinkTrace reached the BFS shortest length for ${r.equal}/${r.rows.length} mutants (${pct.toFixed(0)}%${lower === 0 ? "" : `, ${lower} by the lower bound`}; goal >= 90%)`,
    `total time ${secs(r.ms)}`,
  ].join("\n");
};
