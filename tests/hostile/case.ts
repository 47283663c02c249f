/**
 * One row of the hostile-input table: what to run and what must come of it.
 *
 * Rules:
 *  1. "input-error": exit 2 with exactly one line on stderr, naming the problem; nothing on
 *     stdout that claims a result.
 *  2. "accepted": a usable input (exit 0 or 1), nothing on stderr.
 *  3. In every case: no stack trace, no "internal error", no hang past the case's timeout, and
 *     no partial file (`*.tmp-*`) left in any folder the case wrote to.
 */

/** What a case must show. */
export type Expectation = "input-error" | "accepted";

/** Files a case needs, by name, in its own fresh folder. */
export type CaseFiles = Readonly<Record<string, string | Uint8Array>>;

/** One hostile input. `argv` receives the case's folder (its files are in it). */
export interface HostileCase {
  readonly name: string;
  readonly files?: CaseFiles;
  readonly argv: (dir: string) => readonly string[];
  readonly expect: Expectation;
  /** Where it must run: in-process (fast) or only through the real binary (it spawns, times, or writes to stderr itself). */
  readonly binaryOnly?: boolean;
  /** A pattern the one error line must match (input errors). */
  readonly message?: RegExp;
}
