/**
 * The gallery of broken variants: every core variant under the core conformance suite, every
 * broken driver set under the system suite (on impl), each with the default budget and a fixed
 * seed, measured the same way.
 *
 * Rules:
 *  1. Runs to the first failure are fast-check's `numRuns` in the failing RunDetails, which the
 *     suites report as `runs` (the failing run included).
 *  2. Time to the first failure ends where the failing run ends. Both suites build a fresh core
 *     (`makeCore`) at the start of every fast-check run, shrinking runs and the final replay
 *     included, so the gallery stamps each build: with the first failure at run N, the N+1-th
 *     build is the first thing after the failing run, and its stamp is that run's end. Shrinking
 *     and the replay are excluded; `totalMs` is the whole suite call.
 *  3. Shrunk length: the suite's own (fast-check's shrinking, replayed), then after `shrinkTrace`
 *     (counterexamples/shrink) on the trace recorded from it; `shrinkMs` is that second step.
 *  4. A variant that is not caught has no time to failure and no trace; its `runs` is the budget
 *     it survived.
 */
import type { IoasidCore } from "../api/core.js";
import { createImplCore } from "../impl/index.js";
import type { Mutant } from "../properties/core/mutants/index.js";
import { CORE_MUTANTS } from "../properties/core/mutants/index.js";
import { DEFAULT_CAPACITY, runCoreSuite } from "../properties/core/suite.js";
import type { DriverMutant } from "../properties/system/mutants/index.js";
import { DRIVER_MUTANTS } from "../properties/system/mutants/index.js";
import { runSystemSuite } from "../properties/system/suite.js";
import type { Provenance } from "../counterexamples/record.js";
import { coreTrace, systemTrace } from "../counterexamples/record.js";
import type { Trace } from "../counterexamples/trace.js";
import { shrinkTrace } from "../counterexamples/shrink/index.js";

/** The seed the gallery uses when none is given (the corpus's). */
export const GALLERY_SEED = 20261121;

/** One variant under one seed. */
export interface GalleryRow {
  readonly suite: "core" | "system";
  readonly name: string;
  readonly breaks: string;
  readonly seed: number;
  readonly caught: boolean;
  /** Rule 1; the whole budget when not caught (rule 4). */
  readonly runs: number;
  /** Rule 2: ms from the suite call to the end of the failing run; null when not caught. */
  readonly msToFailure: number | null;
  /** The whole suite call: generation, shrinking and replay. */
  readonly totalMs: number;
  /** Rule 3: the suite's shrunk trace length. */
  readonly suiteSteps: number | null;
  /** Rule 3: after shrinkTrace (null when not caught, or when shrinkTrace refused the trace). */
  readonly shrunkSteps: number | null;
  readonly shrinkMs: number | null;
  /** Why shrinkTrace refused the trace, when it did. */
  readonly shrinkError: string | null;
  /** What the suite reported: the divergence kind (core) or the violated property (system). */
  readonly kind: string | null;
}

/** Which variants and seeds to run. */
export interface GalleryOptions {
  /** One row per variant and seed; default [GALLERY_SEED]. */
  readonly seeds?: readonly number[];
  /** Default: every core variant. */
  readonly core?: readonly Mutant[];
  /** Default: every broken driver set. */
  readonly drivers?: readonly DriverMutant[];
  /** Run shrinkTrace on each counterexample (default true). */
  readonly shrink?: boolean;
}

/** Build stamps of one suite call (rule 2). */
class Stamps {
  private readonly at: number[] = [];
  readonly start = performance.now();
  stamp(): void {
    this.at.push(performance.now());
  }
  /** Ms from the start to the end of run `runs` (1-based), if a later build was stamped. */
  toEndOfRun(runs: number): number | null {
    const end = this.at[runs];
    return end === undefined ? null : end - this.start;
  }
}

interface Measured {
  readonly caught: boolean;
  readonly runs: number;
  readonly msToFailure: number | null;
  readonly totalMs: number;
  readonly trace: Trace | null;
  readonly kind: string | null;
}

const provenance = (implementation: string, seed: number, path: string, note: string): Provenance =>
  ({ implementation, seed, path, expect: "fail", note });

const measureCore = (m: Mutant, seed: number): Measured => {
  const stamps = new Stamps();
  const makeCore = (c: { readonly capacity: number }): IoasidCore => {
    stamps.stamp();
    return m.make(c.capacity);
  };
  const r = runCoreSuite({ makeCore, seed });
  const totalMs = performance.now() - stamps.start;
  const f = r.failure;
  if (f === null) return { caught: false, runs: r.runs, msToFailure: null, totalMs, trace: null, kind: null };
  const trace = coreTrace(provenance(`mutant:${m.name}`, seed, f.path, m.breaks), DEFAULT_CAPACITY, f.commands);
  return { caught: true, runs: r.runs, msToFailure: stamps.toEndOfRun(r.runs), totalMs, trace, kind: f.divergence.kind };
};

const measureSystem = (m: DriverMutant, seed: number): Measured => {
  const stamps = new Stamps();
  const makeCore = (): IoasidCore => {
    stamps.stamp();
    return createImplCore();
  };
  const r = runSystemSuite({ makeCore, drivers: m.drivers, seed });
  const totalMs = performance.now() - stamps.start;
  const f = r.failure;
  if (f === null) return { caught: false, runs: r.runs, msToFailure: null, totalMs, trace: null, kind: null };
  const trace = systemTrace(provenance(`impl/drivers:${m.name}`, seed, f.path, m.breaks), f.commands);
  const kind = f.detail.split(":")[0] ?? null;
  return { caught: true, runs: r.runs, msToFailure: stamps.toEndOfRun(r.runs), totalMs, trace, kind };
};

const toRow = (suite: GalleryRow["suite"], m: { readonly name: string; readonly breaks: string }, seed: number, x: Measured, shrink: boolean): GalleryRow => {
  const base = {
    suite, name: m.name, breaks: m.breaks, seed, caught: x.caught, runs: x.runs,
    msToFailure: x.msToFailure, totalMs: x.totalMs, suiteSteps: x.trace?.commands.length ?? null, kind: x.kind,
  };
  if (x.trace === null || !shrink) return { ...base, shrunkSteps: null, shrinkMs: null, shrinkError: null };
  const t0 = performance.now();
  const s = shrinkTrace(x.trace);
  const shrinkMs = performance.now() - t0;
  return s.ok
    ? { ...base, shrunkSteps: s.after, shrinkMs, shrinkError: null }
    : { ...base, shrunkSteps: null, shrinkMs, shrinkError: s.error };
};

/** Run every selected variant under every seed: core variants first, then broken drivers. */
export const runGallery = (opts: GalleryOptions = {}): GalleryRow[] => {
  const seeds = opts.seeds ?? [GALLERY_SEED];
  const shrink = opts.shrink ?? true;
  const rows: GalleryRow[] = [];
  for (const m of opts.core ?? CORE_MUTANTS) for (const seed of seeds) rows.push(toRow("core", m, seed, measureCore(m, seed), shrink));
  for (const m of opts.drivers ?? DRIVER_MUTANTS) for (const seed of seeds) rows.push(toRow("system", m, seed, measureSystem(m, seed), shrink));
  return rows;
};
