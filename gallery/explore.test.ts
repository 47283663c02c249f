/**
 * Every core variant of the gallery is caught by `explore` at the default scope and depth (or at
 * the scope the variant names, when only reacting handlers reach its bug), with a counterexample
 * no longer than its stored (shrunk) corpus trace. The variants whose bug is on an ENOMEM path
 * are reached through the armed states of fault injection (explore/core-explore.ts rule 6).
 */
import { describe, expect, it } from "vitest";
import { CORE_MUTANTS } from "../properties/core/mutants/index.js";
import { exploreCore } from "../explore/core-explore.js";
import { DEFAULT_SCOPE, scopeNamed } from "../explore/scope.js";
import { readTrace } from "../counterexamples/store.js";

describe("explore on the core gallery", () => {
  it.each(CORE_MUTANTS.map((m) => [m.name, m] as const))("catches %s at the default scope and depth, no longer than the shrunk trace", (name, m) => {
    const scope = scopeNamed(m.scope ?? DEFAULT_SCOPE);
    if (typeof scope === "string") throw new Error(scope);
    const stored = readTrace(`counterexamples/corpus/core-${name}.json`);
    const r = exploreCore({ name: `mutant:${name}`, make: (c) => m.make(c.capacity) }, scope, { maxDepth: scope.depth });
    expect(r.counterexample, `${name}: no counterexample within depth ${scope.depth}`).not.toBeNull();
    const length = r.counterexample?.commands.length ?? Number.POSITIVE_INFINITY;
    expect(length).toBeLessThanOrEqual(stored.commands.length);
    expect(r.depth).toBe(length - 1);
  });
});
