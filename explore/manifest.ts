/**
 * The manifest of the spec's reachable state space, as the TLA+ examples record each model's
 * expected outcome: per named scope, the depth and the distinct states (and new states per
 * level) that exploring the spec alone finds. A test recomputes it, so a change to the spec
 * that changes what is reachable fails until the manifest is rewritten on purpose
 * (`npm run explore-manifest`), a cheap, strong guard against unintended spec drift.
 *
 * Rules:
 *  1. One entry per scope of SCOPES, at the scope's own depth, with the scope itself, so a
 *     changed scope shows as well.
 *  2. The counts are those of `exploreSpec` (deterministic: fixed alphabet order, fixed hashes).
 *  3. The file is `explore/manifest.json`, decoded by `Manifest`.
 */
import * as t from "io-ts";
import { Scope, SCOPES } from "./scope.js";
import { exploreSpec } from "./spec-explore.js";

/** Codec of one manifest entry. */
export const ManifestEntry = t.readonly(
  t.type({
    scope: Scope,
    depth: t.number,
    distinctStates: t.number,
    transitions: t.number,
    newStatesPerLevel: t.readonlyArray(t.number),
  }),
);
export type ManifestEntry = t.TypeOf<typeof ManifestEntry>;

/** Codec of the manifest file (rule 3). */
export const Manifest = t.readonly(t.type({ note: t.string, entries: t.readonlyArray(ManifestEntry) }));
export type Manifest = t.TypeOf<typeof Manifest>;

/** The manifest file, relative to the repository root. */
export const MANIFEST_FILE = "explore/manifest.json";

/** The entry of one scope, computed now (rule 2). */
export const manifestEntry = (scope: Scope): ManifestEntry => {
  const r = exploreSpec(scope, { maxDepth: scope.depth });
  return { scope, depth: r.depth, distinctStates: r.distinctStates, transitions: r.transitions, newStatesPerLevel: r.levels.map((l) => l.newStates) };
};

/** The whole manifest, computed now (rule 1). */
export const computeManifest = (): Manifest => ({
  note: "Distinct states of the spec's reachable space per named scope (explore/manifest.ts); rewrite with `npm run explore-manifest` when a spec change is meant to change it.",
  entries: SCOPES.map(manifestEntry),
});
