/**
 * Breadth-first search for the shortest failing system-command sequence of a broken driver set,
 * from the initial system (search.ts over system-space.ts). Core variants are searched by
 * `explore` instead (explore/), over every command of a small scope.
 *
 * Rules:
 *  1. Driver variants are searched to depth 7 at most; a budget of checks and milliseconds
 *     bounds each search (search.ts rule 5).
 *  2. `accept` may restrict which failures count (one failure class); by default any does.
 *  3. A sequence found is returned as a trace recorded with record.ts on the variant, so it
 *     replays like any stored counterexample; its length is the shortest in the searched space.
 *  4. The space is every sequence over the whole system alphabet, or over the part of it the
 *     caller gives (system-alphabet.ts alphabetOfKinds).
 */
import type { DriverMutant } from "../../properties/system/mutants/index.js";
import type { Trace } from "../trace.js";
import { systemTrace } from "../record.js";
import type { SearchLimits, SearchResult } from "./search.js";
import { breadthFirst } from "./search.js";
import { systemSpace } from "./system-space.js";
import type { AbstractSystemCommand } from "../../properties/system/resolve.js";
import { SYSTEM_ALPHABET } from "./system-alphabet.js";

/** Rule 1. */
export const SYSTEM_MAX_DEPTH = 7;

/** What a search found, as a trace (rule 3), with its statistics. */
export interface BfsOutcome {
  readonly trace: Trace | null;
  readonly stats: Omit<SearchResult<unknown>, "found">;
}

const stats = <C>(r: SearchResult<C>): BfsOutcome["stats"] =>
  ({ complete: r.complete, stoppedBy: r.stoppedBy, expanded: r.expanded, pruned: r.pruned, checked: r.checked, ms: r.ms, levels: r.levels });

const note = (r: SearchResult<unknown>): string => `shortest failing sequence found by breadth-first search (${r.checked} sequences checked, ${r.expanded} states expanded)`;

/** The shortest failing sequence of a driver mutant (rules 1 to 4). */
export const bfsDriverMutant = (m: DriverMutant, limits: Partial<SearchLimits> = {}, alphabet: readonly AbstractSystemCommand[] = SYSTEM_ALPHABET): BfsOutcome => {
  const r = breadthFirst(systemSpace(m.drivers, alphabet), { ...limits, maxDepth: Math.min(limits.maxDepth ?? SYSTEM_MAX_DEPTH, SYSTEM_MAX_DEPTH) });
  const trace = r.found === null ? null
    : systemTrace({ implementation: `impl/drivers:${m.name}`, seed: null, path: null, expect: "fail", note: note(r) }, r.found.commands);
  return { trace, stats: stats(r) };
};
