/**
 * The failure class a shrinker must keep: what kind of property a replay broke.
 *
 * Rules:
 *  1. A replay that fails has the class of its `kind` ("outcome", "state", "choice", "invariant",
 *     "crash", "malformed", "error" for core traces; "refcount", "naming", "landing",
 *     "isolation", "vmcs", "leak", "agreement", "error" for system traces).
 *  2. A candidate keeps the class when its replay fails with the same kind; the failing step may
 *     move (an earlier step, or the end-of-run teardown check).
 *  3. A passing replay has no class, and neither has a replay refused for its input (kind
 *     "input": an implementation name no replay knows): there is nothing to keep.
 */
import type { ReplayResult } from "../replay.js";

/** The class of a failing replay. */
export interface FailureClass {
  readonly kind: string;
}

/** Rule 1 and 3: the class of a replay, or null when it has none. */
export const failureClassOf = (r: ReplayResult): FailureClass | null =>
  r.status === "fail" && r.kind !== "input" ? { kind: r.kind } : null;

/** Rule 2. */
export const keepsClass = (cls: FailureClass, r: ReplayResult): boolean => r.status === "fail" && r.kind === cls.kind;

/** Why a replay has no class (rule 3), for refusals. */
export const whyNoClass = (r: ReplayResult, steps: number): string =>
  r.status === "pass"
    ? `the trace does not fail: its replay passes all ${steps} steps and the end-of-run checks, so there is no failure to keep`
    : `the trace cannot be replayed: ${r.detail}`;
