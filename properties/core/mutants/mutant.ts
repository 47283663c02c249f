/**
 * A deliberately broken variant of the optimized core: one realistic bug class, and a sentence
 * on what it breaks. The suite's self-test runs every variant and must catch each one.
 */
import type { IoasidCore } from "../../../api/core.js";

/** One broken variant. */
export interface Mutant {
  readonly name: string;
  /** What the bug breaks, in one sentence. */
  readonly breaks: string;
  readonly make: (capacity: number) => IoasidCore;
  /** The explore scope that reaches the bug (explore/scope.ts), when the default one cannot. */
  readonly scope?: string;
}
