/**
 * explore/: exhaustive breadth-first exploration of small scopes, on the spec alone or on a core
 * under test, each spec state visited once (symmetry reduction); the first counterexample found
 * is a shortest one of its scope.
 */
export type { Scope } from "./scope.js";
export { Scope as ScopeCodec, SCOPES, DEFAULT_SCOPE, scopeNamed } from "./scope.js";
export type { ExploreLimits } from "./limits.js";
export type { ExploreLevel, ExploreCounterexample, StoppedBy } from "./result.js";
export { ExploreResult, ExploreLevel as ExploreLevelCodec, ExploreCounterexample as ExploreCounterexampleCodec } from "./result.js";
export { Alphabet } from "./alphabet.js";
export { reactionsOf, prioritiesOf, isLockedCall } from "./pools.js";
export { COMMAND_SHAPES, shapesOf } from "./command-shapes.js";
export type { CommandShape } from "./command-shapes.js";
export { canonicalKey, fingerprint } from "./canonical.js";
export { FingerprintSet, collisionOdds } from "./fingerprints.js";
export { exploreSpec } from "./spec-explore.js";
export { exploreCore } from "./core-explore.js";
export type { CoreTarget, CoreExploreOptions, FoundFailure } from "./core-explore.js";
