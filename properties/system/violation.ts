/**
 * A broken system property: which one, and what was seen.
 */

/** The system properties (checks.ts, quota.ts, flags.ts), plus the twins' agreement. */
export type SystemProperty = "refcount" | "naming" | "landing" | "isolation" | "vmcs" | "quota" | "flags" | "leak" | "agreement";

/** A broken system property. */
export class SystemViolation extends Error {
  constructor(readonly property: SystemProperty, detail: string) {
    super(`${property}: ${detail}`);
    this.name = "SystemViolation";
  }
}
