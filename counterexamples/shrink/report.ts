/**
 * The shrink report: for every core and driver mutant, the counterexample the suite gave (its
 * stored corpus trace), the same after shrinkTrace, and the shortest failing sequence the
 * breadth-first search finds; then how often shrinkTrace reached the shortest length.
 *
 * Rules:
 *  1. The suite's trace is the stored corpus file `core-<name>.json` / `system-<name>.json`; when
 *     it is missing or unreadable, the suite runs once with the corpus seed to make it.
 *  2. "equal" means the shrunk trace is exactly as long as the BFS shortest; a search that finds
 *     nothing within its bound, or a refused shrink, is not equal.
 *  3. Every timing is wall-clock milliseconds of this process.
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

/** One mutant's row. */
export interface ShrinkRow {
  readonly suite: "core" | "system";
  readonly mutant: string;
  readonly source: "corpus" | "suite";
  /** Length of the suite's (fast-check shrunk) counterexample. */
  readonly suiteLength: number;
  readonly shrunk: { readonly length: number; readonly kind: string; readonly replays: number } | { readonly error: string };
  readonly shrinkMs: number;
  readonly bfs: BfsOutcome;
  readonly equal: boolean;
  readonly shrunkTrace: Trace | null;
}

/** The whole report. */
export interface ShrinkReport {
  readonly rows: readonly ShrinkRow[];
  readonly equal: number;
  readonly ms: number;
}

/** Options: a bound per search (milliseconds). */
export interface ShrinkReportOptions {
  readonly searchMs?: number;
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
const coreSource = (m: Mutant, dir: string): { readonly trace: Trace | null; readonly source: "corpus" | "suite" } => {
  const t = stored(join(dir, `core-${m.name}.json`));
  if (t !== null) return { trace: t, source: "corpus" };
  const r = runCoreSuite({ makeCore: (c) => m.make(c.capacity), seed: CORPUS_SEED });
  const trace = r.failure === null ? null
    : coreTrace({ implementation: `mutant:${m.name}`, seed: r.seed, path: r.failure.path, expect: "fail", note: m.breaks }, DEFAULT_CAPACITY, r.failure.commands);
  return { trace, source: "suite" };
};

/** Rule 1, system. */
const systemSource = (m: DriverMutant, dir: string): { readonly trace: Trace | null; readonly source: "corpus" | "suite" } => {
  const t = stored(join(dir, `system-${m.name}.json`));
  if (t !== null) return { trace: t, source: "corpus" };
  const r = runSystemSuite({ makeCore: () => createImplCore(), drivers: m.drivers, seed: CORPUS_SEED });
  const trace = r.failure === null ? null
    : systemTrace({ implementation: `impl/drivers:${m.name}`, seed: r.seed, path: r.failure.path, expect: "fail", note: m.breaks }, r.failure.commands);
  return { trace, source: "suite" };
};

const row = (suite: "core" | "system", mutant: string, src: { readonly trace: Trace | null; readonly source: "corpus" | "suite" }, search: () => BfsOutcome): ShrinkRow => {
  const t0 = performance.now();
  const s = src.trace === null ? null : shrinkTrace(src.trace);
  const shrinkMs = performance.now() - t0;
  const bfs = search();
  const shrunk = s === null ? { error: "the suite found no counterexample" } : s.ok ? { length: s.after, kind: s.kind, replays: s.replays } : { error: s.error };
  const bfsLength = bfs.trace?.commands.length;
  return {
    suite, mutant, source: src.source, suiteLength: src.trace?.commands.length ?? 0, shrunk, shrinkMs, bfs,
    equal: "length" in shrunk && bfsLength !== undefined && shrunk.length === bfsLength,
    shrunkTrace: s !== null && s.ok ? s.trace : null,
  };
};

/** Build the report (rules 1 to 3). */
export const buildShrinkReport = (opts: ShrinkReportOptions = {}): ShrinkReport => {
  const start = performance.now();
  const dir = opts.dir ?? CORPUS_DIR;
  const limits = opts.searchMs === undefined ? {} : { maxMs: opts.searchMs };
  const rows = [
    ...CORE_MUTANTS.map((m) => row("core", m.name, coreSource(m, dir), () => bfsCoreMutant(m, limits))),
    ...DRIVER_MUTANTS.map((m) => row("system", m.name, systemSource(m, dir), () => bfsDriverMutant(m, limits))),
  ];
  return { rows, equal: rows.filter((r) => r.equal).length, ms: performance.now() - start };
};

const secs = (ms: number): string => `${(ms / 1000).toFixed(2)}s`;

/** The report as a table, the fraction equal and the total time. */
export const renderShrinkReport = (r: ShrinkReport): string => {
  const head = ["suite", "mutant", "fast-check", "shrinkTrace", "BFS shortest", "equal?", "shrink time", "BFS time", "BFS checked/states"];
  const cells = r.rows.map((x) => [
    x.suite,
    x.mutant,
    `${x.suiteLength}${x.source === "suite" ? " (run)" : ""}`,
    "length" in x.shrunk ? `${x.shrunk.length} (${x.shrunk.kind}, ${x.shrunk.replays} replays)` : `refused: ${x.shrunk.error}`,
    x.bfs.trace === null ? `none <= ${x.bfs.stats.complete} (${x.bfs.stats.stoppedBy})` : `${x.bfs.trace.commands.length} (${x.bfs.trace.violation?.kind ?? "UNCONFIRMED"})`,
    x.equal ? "yes" : "NO",
    secs(x.shrinkMs),
    secs(x.bfs.stats.ms),
    `${x.bfs.stats.checked}/${x.bfs.stats.expanded}`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? "").length)));
  const line = (c: readonly string[]) => c.map((s, i) => s.padEnd(widths[i] ?? 0)).join("  ").trimEnd();
  const pct = r.rows.length === 0 ? 0 : (100 * r.equal) / r.rows.length;
  return [
    line(head),
    line(widths.map((w) => "-".repeat(w))),
    ...cells.map(line),
    "",
    `shrinkTrace reached the BFS shortest length for ${r.equal}/${r.rows.length} mutants (${pct.toFixed(0)}%; goal >= 90%)`,
    `total time ${secs(r.ms)}`,
  ].join("\n");
};
