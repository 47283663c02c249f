/**
 * The yardstick of the shrinker: the shortest failing sequence of each failure class of a broken
 * variant, found exhaustively — by `explore` (explore/) over the default core scope (and the
 * small scope, whose handlers react, for the classes the default one cannot show) for a core
 * variant, by the system breadth-first search (bfs.ts) for a broken driver set.
 *
 * Rules:
 *  1. One search per variant finds the minimum of every class asked for: a failure of another
 *     class is recorded (the first of its class is the shortest, the search being breadth-first)
 *     and the search goes on, until every class asked for is found or the depth is exhausted.
 *  2. `searched` is the deepest level checked completely (in every scope searched): a class not
 *     found has no failing sequence of at most that many commands in the searched spaces.
 *  3. The first failure of any class is kept too (`anyClass`), for the report.
 *  4. A driver variant's search goes to one level below the longest shrunk trace, not to it: a
 *     shrunk trace of L commands is as short as its class allows once every sequence of at most
 *     L - 1 commands was checked without finding its class, and a minimum of exactly L would tell
 *     nothing more. The level of L commands is the costliest (the branching is about 60 concrete
 *     commands per state), so the search stops before it and fits its time budget more often.
 *  5. A driver variant may also be searched over part of the system alphabet (`alphabet`, by
 *     "bfs-kinds"): the report does so, over the command kinds of the shrunk traces the whole
 *     alphabet left undecided. Rules 1 and 2 then hold in that smaller space only: every
 *     sequence of at most `searched` commands of those kinds was checked, and no other.
 */
import type { Command } from "../../api/commands.js";
import type { Mutant } from "../../properties/core/mutants/index.js";
import type { DriverMutant } from "../../properties/system/mutants/index.js";
import { exploreCore } from "../../explore/core-explore.js";
import type { FoundFailure } from "../../explore/core-explore.js";
import { DEFAULT_SCOPE, scopeNamed } from "../../explore/scope.js";
import type { ReplayResult } from "../replay.js";
import { classText, failureClassOf } from "./failure-class.js";
import { bfsDriverMutant } from "./bfs.js";
import type { AbstractSystemCommand } from "../../properties/system/resolve.js";
import { SYSTEM_ALPHABET } from "./system-alphabet.js";

/** The scope whose handlers react (explore/scope.ts), for classes the default scope cannot show. */
export const HANDLER_SCOPE = "small";

/** The minimum of each class found (by class text), and how far the search is complete. */
export interface Yardstick {
  readonly minima: ReadonlyMap<string, number>;
  readonly anyClass: number | null;
  readonly searched: number;
  readonly ms: number;
  readonly by: "explore" | "bfs" | "bfs-kinds";
}

/** The failure class text of an explored failure (the same as its replay would give). */
export const exploredClass = (f: FoundFailure): string | null => {
  const last: Command | undefined = f.commands[f.commands.length - 1];
  const r: ReplayResult = {
    status: "fail", step: f.commands.length - 1, kind: f.kind, detail: f.detail, values: [], suite: "core", op: last?.op ?? "",
    ...(f.expected === null || f.actual === null ? {} : { expected: f.expected, actual: f.actual }),
  };
  const c = failureClassOf(r);
  return c === null ? null : classText(c);
};

/** One exploration of a core variant in `scopeName`, recording the minimum of every class into `minima`. */
const exploreClasses = (m: Mutant, scopeName: string, classes: ReadonlySet<string>, minima: Map<string, number>, maxDepth: number, maxMs: number) => {
  const scope = scopeNamed(scopeName);
  if (typeof scope === "string") throw new Error(scope);
  let anyClass: number | null = null;
  const r = exploreCore({ name: `mutant:${m.name}`, make: (c) => m.make(c.capacity) }, scope, {
    maxDepth, maxMs,
    onFailure: (f) => {
      anyClass ??= f.commands.length;
      const cls = exploredClass(f);
      const known = cls === null ? undefined : minima.get(cls);
      if (cls !== null && (known === undefined || f.commands.length < known)) minima.set(cls, f.commands.length);
      return [...classes].every((c) => minima.has(c));
    },
  });
  return { anyClass, depth: r.depth, ms: r.ms };
};

/**
 * Rules 1 to 3 for a core variant, to `maxDepth` commands at most: the default scope first,
 * then, for the classes it did not reach (handler and deferred-work stories: the default scope
 * has silent handlers only), the small scope with a reacting handler.
 */
export const coreYardstick = (m: Mutant, classes: ReadonlySet<string>, maxDepth: number, maxMs: number): Yardstick => {
  const minima = new Map<string, number>();
  const first = exploreClasses(m, DEFAULT_SCOPE, classes, minima, maxDepth, maxMs);
  const missing = new Set([...classes].filter((c) => !minima.has(c)));
  if (missing.size === 0) return { minima, anyClass: first.anyClass, searched: first.depth, ms: first.ms, by: "explore" };
  const second = exploreClasses(m, HANDLER_SCOPE, missing, minima, maxDepth, maxMs);
  return { minima, anyClass: first.anyClass, searched: Math.min(first.depth, second.depth), ms: first.ms + second.ms, by: "explore" };
};

/**
 * Rules 1 to 5 for a broken driver set whose longest shrunk trace has `longest` commands, over
 * the whole system alphabet or the part of it given.
 */
export const driverYardstick = (
  m: DriverMutant, classes: ReadonlySet<string>, longest: number, maxMs: number, alphabet: readonly AbstractSystemCommand[] = SYSTEM_ALPHABET,
): Yardstick => {
  const minima = new Map<string, number>();
  let anyClass: number | null = null;
  const r = bfsDriverMutant(m, {
    maxDepth: longest - 1, maxMs,
    accept: (failure, commands) => {
      anyClass ??= commands.length;
      const c = failureClassOf({ status: "fail", step: commands.length, kind: failure.kind, detail: failure.detail, values: [], suite: "system" });
      const cls = c === null ? null : classText(c);
      if (cls !== null && !minima.has(cls)) minima.set(cls, commands.length);
      return [...classes].every((x) => minima.has(x));
    },
  }, alphabet);
  return { minima, anyClass, searched: r.stats.complete, ms: r.stats.ms, by: alphabet === SYSTEM_ALPHABET ? "bfs" : "bfs-kinds" };
};
