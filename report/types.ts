/**
 * ReportData: everything one HTML report shows, as plain data. `renderReport` (render.ts) reads
 * only this; builders (build.ts, and the CLI's wiring) fill it from a run, a validation or a trace.
 *
 * Rules:
 *  1. Nothing here is computed by the renderer from a core or a replay: timelines come already
 *     built (counterexamples/show), coverage as reached cases with counts, lengths as numbers.
 *  2. Optional sections (`conformance`, `explore`) are rendered only when present; the other
 *     commands leave them out.
 *  3. A counterexample's `id` is its anchor in the page (`#id`); conformance rows and explore
 *     results name counterexamples by that id, anything else they name is a link as given (a
 *     trace file path, relative to where the report is opened).
 */
import type { Timeline } from "../counterexamples/show/index.js";

/** One suite of the run: its budget, what it reached, and its verdict. */
export interface SuiteSummary {
  readonly name: string;
  /** The core or driver set the suite ran on, as the CLI names it. */
  readonly implementation: string;
  readonly runs: number;
  readonly commands: number;
  /** Time spent in the suite, or null when the command does not time suites apart. */
  readonly ms: number | null;
  readonly seed: number | null;
  readonly result: "passed" | "counterexample" | "gate not reached";
  /** Reached cases ("alloc:EDQUOT", "event:FREE", "handler:put_locked:ok", "dma:fault") with counts. */
  readonly reached: ReadonlyArray<readonly [string, number]>;
  /** The cases a run at the default budget must reach. */
  readonly gate: readonly string[];
  /** Gate cases not reached. */
  readonly missing: readonly string[];
  /** Whether the gate applied to this run (default budget, no time limit, not a replay). */
  readonly gateEnforced: boolean;
}

/** The head of the report. */
export interface ReportSummary {
  /** The command line that produced the report, e.g. "ioasid-check run --suite core". */
  readonly command: string;
  /** What was checked, e.g. "impl (bundled)" or a module path. */
  readonly target: string;
  readonly seed: number | null;
  /** Wall time of the whole command. */
  readonly ms: number;
  readonly result: "pass" | "fail";
  readonly suites: readonly SuiteSummary[];
  /** Stored counterexamples replayed before the run, when the command does that. */
  readonly stored: { readonly replayed: number; readonly failed: number } | null;
}

/** The diverging step's two sides, as text. */
export interface ExpectedActual {
  /** What the spec (or the property) says should happen. */
  readonly expected: string;
  /** What the implementation did. */
  readonly actual: string;
}

/** One counterexample: its timeline, how to replay it, its lengths. */
export interface ReportCounterexample {
  /** The anchor of its section (rule 3), e.g. "cx-core". */
  readonly id: string;
  readonly title: string;
  readonly suite: "core" | "system";
  readonly implementation: string;
  /** The seed and path that generated it, when a suite found it. */
  readonly seed: number | null;
  readonly path: string | null;
  /** The exact commands that replay it, as the CLI prints them (the generated case, the stored file). */
  readonly replay: readonly string[];
  /** Steps of the trace as found (and drawn). */
  readonly originalSteps: number;
  /** Steps after `ioasid-check shrink`, or null when not shrunk. */
  readonly shrunkSteps: number | null;
  readonly timeline: Timeline;
  /** The diverging step's sides, or null when the trace records no violation. */
  readonly divergence: ExpectedActual | null;
}

/** A decision's conformance on the core under test. */
export interface ConformanceRow {
  /** "D1" .. "D29". */
  readonly id: string;
  readonly topic: string;
  /** Steps that exercised the decision. */
  readonly exercised: number;
  /** Of those, steps where the core departed from the ruling. */
  readonly departs: number;
  /** The distinct departures found: failure class and detail. */
  readonly departures: readonly { readonly class: string; readonly detail: string }[];
  /** Traces showing a departure (rule 3). */
  readonly traces: readonly string[];
}

/** The per-decision conformance table (validate). */
export interface ConformanceSection {
  readonly target: string;
  readonly rows: readonly ConformanceRow[];
}

/** The result of an exhaustive exploration (explore). */
export interface ExploreSection {
  /** The scope's name or description, e.g. "2 sets, IDs 1..4". */
  readonly scope: string;
  readonly target: string;
  readonly depth: number;
  readonly distinctStates: number;
  readonly transitions: number;
  readonly ms: number;
  /** Whether every sequence up to `depth` was explored (no time budget cut it short). */
  readonly complete: boolean;
  /** The id of the shortest counterexample (rule 3), or null. */
  readonly counterexample: string | null;
}

/** The whole report. */
export interface ReportData {
  readonly title: string;
  readonly summary: ReportSummary;
  readonly counterexamples: readonly ReportCounterexample[];
  readonly conformance?: ConformanceSection;
  readonly explore?: ExploreSection;
}
