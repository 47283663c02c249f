/**
 * counterexamples/shrink: minimizing failing traces (delta debugging over the commands, then
 * smaller arguments) and finding the shortest failing sequence of a broken variant by
 * breadth-first search, for the `shrink` command and the shrink report.
 */
export type { FailureClass } from "./failure-class.js";
export { failureClassOf, keepsClass, classText, sameClass } from "./failure-class.js";
export { Oracle } from "./oracle.js";
export { ddmin, oneByOne, ddminTrace } from "./ddmin.js";
export { renumberTrace } from "./renumber.js";
export type { ShrinkOptions, ShrinkResult } from "./shrink.js";
export { shrinkTrace } from "./shrink.js";
export type { SearchLimits, SearchResult, Space } from "./search.js";
export { breadthFirst } from "./search.js";
export type { BfsOutcome } from "./bfs.js";
export { bfsDriverMutant, SYSTEM_MAX_DEPTH } from "./bfs.js";
export type { Yardstick } from "./yardstick.js";
export { coreYardstick, driverYardstick, exploredClass } from "./yardstick.js";
export type { ShrinkReport, ShrinkRow, SearchRow, Verdict } from "./report.js";
export { buildShrinkReport, renderShrinkReport, judge, REPORT_SEEDS } from "./report.js";
