/**
 * Exploration throughput: distinct states per second of `explore` on the spec alone (the
 * default scope to its depth) and on the bundled core (one level less, each transition run on
 * the core and checked), in wall-clock and in CPU time of this process (the machine may be
 * shared: CPU time is the steadier figure).
 */
import { createImplCore } from "../impl/index.js";
import { exploreCore } from "../explore/core-explore.js";
import { exploreSpec } from "../explore/spec-explore.js";
import type { ExploreResult } from "../explore/result.js";
import type { Scope } from "../explore/scope.js";
import { DEFAULT_SCOPE, scopeNamed } from "../explore/scope.js";

/** One measurement. */
export interface ExploreRow {
  readonly name: string;
  readonly depth: number;
  readonly states: number;
  readonly transitions: number;
  readonly ms: number;
  readonly cpuMs: number;
}

const measure = (name: string, f: () => ExploreResult): ExploreRow => {
  const r = f();
  return { name, depth: r.depth, states: r.distinctStates, transitions: r.transitions, ms: r.ms, cpuMs: r.cpuMs };
};

/** The rows: spec alone at the scope's depth, the bundled core at `coreDepth`. */
export const runExploreBench = (scope: Scope = defaultScope(), coreDepth = scope.depth - 1): readonly ExploreRow[] => {
  exploreSpec(scope, { maxDepth: Math.min(3, scope.depth) });
  return [
    measure(`explore ${scope.name}: spec alone`, () => exploreSpec(scope, { maxDepth: scope.depth })),
    measure(`explore ${scope.name}: bundled core, checked`, () => exploreCore({ name: "impl", make: (c) => createImplCore(c) }, scope, { maxDepth: coreDepth })),
  ];
};

const defaultScope = (): Scope => {
  const s = scopeNamed(DEFAULT_SCOPE);
  if (typeof s === "string") throw new Error(s);
  return s;
};

const perSecond = (n: number, ms: number): string => Math.round(n / (ms / 1000)).toLocaleString("en-US").padStart(10);

/** The rows as text. */
export const formatExploreRows = (rows: readonly ExploreRow[]): string =>
  rows.map((r) => `${r.name.padEnd(44)} depth ${r.depth} ${String(r.states).padStart(8)} states ${String(r.transitions).padStart(9)} transitions ${r.ms.toFixed(0).padStart(7)} ms ${perSecond(r.states, r.ms)} states/s ${perSecond(r.states, r.cpuMs)} states/CPU-s`).join("\n");
