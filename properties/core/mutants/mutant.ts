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
  /**
   * The bug is on an ENOMEM path: only fault injection (fail_nth, D32) reaches it, which the
   * suites generate and `explore` leaves out (explore/command-shapes.ts rule 4).
   */
  readonly faultInjection?: true;
}
