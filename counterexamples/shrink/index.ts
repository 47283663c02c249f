/**
 * counterexamples/shrink: minimizing failing traces (delta debugging, then smaller arguments)
 * and finding the shortest failing sequence of a broken variant by breadth-first search.
 */
export type { FailureClass } from "./failure-class.js";
export { failureClassOf, keepsClass } from "./failure-class.js";
export { ddmin, oneByOne, ddminTrace } from "./ddmin.js";
export { renumberTrace } from "./renumber.js";
export type { ShrinkOptions, ShrinkResult } from "./shrink.js";
export { shrinkTrace } from "./shrink.js";
