/**
 * report/: one self-contained HTML file per run, validation or trace — the summary, coverage as
 * heat maps, every counterexample as a swimlane timeline — built as data (ReportData) and
 * rendered by a pure function.
 */
export type {
  ConformanceRow, ConformanceSection, ExpectedActual, ExploreSection, ReportCounterexample, ReportData, ReportSummary, SuiteSummary,
} from "./types.js";
export { renderReport } from "./render.js";
export type { CounterexampleInput } from "./build-counterexample.js";
export { anchorId, reportCounterexample, SHRINK_UP_TO } from "./build-counterexample.js";
export { traceReport } from "./build-show.js";
export type { RunInput, RunSuiteInput } from "./build-run.js";
export { failureTrace, replayLine, runReport, runSuiteSummary } from "./build-run.js";
export type { ValidateInput } from "./build-validate.js";
export { validateReport, valuesOn } from "./build-validate.js";
export type { ExploreInput } from "./build-explore.js";
export { exploreReport, exploreSection } from "./build-explore.js";
export { expectedActual } from "./divergence.js";
export { conformanceSection } from "./build-conformance.js";
export type { CoverageGrid, GridCell } from "./coverage-grid.js";
export { coverageGrids, heat, placeKey } from "./coverage-grid.js";
export type { Arrow, Bar, Label, RowLayout, TimelineLayout } from "./layout/timeline-layout.js";
export { layoutTimeline } from "./layout/timeline-layout.js";
export { conformanceStatus } from "./html/extras-html.js";
