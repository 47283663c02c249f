/**
 * What an exploration reports, as data: one io-ts codec, so the CLI's JSON, a stored result and
 * any renderer (the HTML report) read the same thing.
 *
 * Rules:
 *  1. `distinctStates` counts canonical states visited, the initial one included; `transitions`
 *     counts the commands tried (every command of the alphabet in every expanded state, once
 *     per reaction when a notifier hears its first event).
 *  2. `depth` is the deepest level explored completely: every sequence of at most that many
 *     commands was checked. With a counterexample it is one less than its length, so no shorter
 *     counterexample exists in the scope.
 *  3. `stoppedBy`: "depth" (all levels up to `maxDepth` done), "exhausted" (a level found no new
 *     state: the whole reachable space of the scope is explored), "time" or "states" (a budget
 *     ran out; `depth` says how far it is complete), "counterexample".
 *  4. A counterexample lists its commands (the last one fails), the kind and detail of the
 *     failure, its failure class when the caller gave a classifier, and the expected and actual
 *     outcomes of the failing step when they differ.
 */
import * as t from "io-ts";
import { Command } from "../api/commands.js";
import { Outcome } from "../api/outcome.js";
import { Scope } from "./scope.js";

/** Codec of one explored level. */
export const ExploreLevel = t.readonly(t.type({ depth: t.number, newStates: t.number, transitions: t.number, ms: t.number }));
export type ExploreLevel = t.TypeOf<typeof ExploreLevel>;

/** Codec of a counterexample found by exploration (rule 4). */
export const ExploreCounterexample = t.readonly(
  t.type({
    commands: t.readonlyArray(Command),
    kind: t.string,
    detail: t.string,
    class: t.union([t.string, t.null]),
    expected: t.union([Outcome, t.null]),
    actual: t.union([Outcome, t.null]),
  }),
);
export type ExploreCounterexample = t.TypeOf<typeof ExploreCounterexample>;

/** Codec of why an exploration stopped (rule 3). */
export const StoppedBy = t.keyof({ depth: null, exhausted: null, time: null, states: null, counterexample: null });
export type StoppedBy = t.TypeOf<typeof StoppedBy>;

/** Codec of an exploration's result. */
export const ExploreResult = t.readonly(
  t.type({
    target: t.string,
    scope: Scope,
    maxDepth: t.number,
    depth: t.number,
    distinctStates: t.number,
    transitions: t.number,
    ms: t.number,
    /** CPU time of the process during the search (steadier than `ms` on a shared machine). */
    cpuMs: t.number,
    statesPerSecond: t.number,
    stoppedBy: StoppedBy,
    levels: t.readonlyArray(ExploreLevel),
    /** Command kinds of the api the alphabet could not enumerate (not explored). */
    unexplored: t.readonlyArray(t.string),
    counterexample: t.union([ExploreCounterexample, t.null]),
  }),
);
export type ExploreResult = t.TypeOf<typeof ExploreResult>;
