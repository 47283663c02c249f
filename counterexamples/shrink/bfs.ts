/**
 * Breadth-first search for the shortest failing command sequence of a broken variant, from the
 * spec's initial state (search.ts over core-space.ts or system-space.ts).
 *
 * Rules:
 *  1. Core variants are searched to depth 6 at most, driver variants to depth 7 at most; a
 *     budget of checks and milliseconds bounds each search (search.ts rule 4).
 *  2. A failure of any kind counts.
 *  3. A sequence found is returned as a trace recorded with record.ts on the variant, so it
 *     replays like any stored counterexample; its length is the shortest in the searched space.
 */
import type { Mutant } from "../../properties/core/mutants/index.js";
import type { DriverMutant } from "../../properties/system/mutants/index.js";
import { DEFAULT_CAPACITY } from "../../properties/core/suite.js";
import type { Trace } from "../trace.js";
import { coreTrace, systemTrace } from "../record.js";
import type { SearchLimits, SearchResult } from "./search.js";
import { breadthFirst } from "./search.js";
import { coreSpace } from "./core-space.js";
import { systemSpace } from "./system-space.js";

/** Rule 1. */
export const CORE_MAX_DEPTH = 6;
export const SYSTEM_MAX_DEPTH = 7;

/** What a search found, as a trace (rule 3), with its statistics. */
export interface BfsOutcome {
  readonly trace: Trace | null;
  readonly stats: Omit<SearchResult<unknown>, "found">;
}

const stats = <C>(r: SearchResult<C>): BfsOutcome["stats"] =>
  ({ complete: r.complete, stoppedBy: r.stoppedBy, expanded: r.expanded, pruned: r.pruned, checked: r.checked, ms: r.ms, levels: r.levels });

const note = (r: SearchResult<unknown>): string => `shortest failing sequence found by breadth-first search (${r.checked} sequences checked, ${r.expanded} states expanded)`;

/** The shortest failing sequence of a core mutant. */
export const bfsCoreMutant = (m: Mutant, limits: Partial<SearchLimits> = {}, capacity = DEFAULT_CAPACITY): BfsOutcome => {
  const r = breadthFirst(coreSpace(m.make, capacity), { ...limits, maxDepth: Math.min(limits.maxDepth ?? CORE_MAX_DEPTH, CORE_MAX_DEPTH) });
  const trace = r.found === null ? null
    : coreTrace({ implementation: `mutant:${m.name}`, seed: null, path: null, expect: "fail", note: note(r) }, capacity, r.found.commands);
  return { trace, stats: stats(r) };
};

/** The shortest failing sequence of a driver mutant. */
export const bfsDriverMutant = (m: DriverMutant, limits: Partial<SearchLimits> = {}): BfsOutcome => {
  const r = breadthFirst(systemSpace(m.drivers), { ...limits, maxDepth: Math.min(limits.maxDepth ?? SYSTEM_MAX_DEPTH, SYSTEM_MAX_DEPTH) });
  const trace = r.found === null ? null
    : systemTrace({ implementation: `impl/drivers:${m.name}`, seed: null, path: null, expect: "fail", note: note(r) }, r.found.commands);
  return { trace, stats: stats(r) };
};
