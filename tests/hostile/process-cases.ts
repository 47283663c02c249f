/**
 * Misbehaving implementations (modules and processes): the hook for the harness side of issue 9.
 * A row here runs through the real binary like the others; a misbehaving implementation is a
 * counterexample (exit 1) once the harness reports it so, so those rows say "accepted".
 * Add rows as `HostileCase`s (files: the module or script; argv: the validate command line).
 */
import type { HostileCase } from "./case.js";

/** Every misbehaving-implementation case (none yet: helper harness or the lead adds them). */
export const PROCESS_CASES: readonly HostileCase[] = [];
