/**
 * ExecFailure: the error an ExecCore throws when its implementation process misbehaves (it died,
 * hung, wrote something that is not a valid message, or answered out of turn). By then the
 * process is killed and the channel closed. The suites' step checker reports it as a crash of
 * the core at that step.
 */

/** Why an exec core stopped. */
export class ExecFailure extends Error {
  override readonly name = "ExecFailure";
  constructor(
    /** The protocol step that failed, e.g. `call #7 alloc(1, 1, 1048575, null)`. */
    readonly step: string,
    /** What happened, in a sentence. */
    readonly what: string,
    /** The tail of the implementation's stderr, when it was seen. */
    readonly stderrTail: string,
  ) {
    super(`exec core failed at ${step}: ${what}${stderrTail.trim() === "" ? "" : `\n--- implementation stderr (tail) ---\n${stderrTail.trimEnd()}`}`);
  }
}
