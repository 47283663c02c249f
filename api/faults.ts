/**
 * Optional fault injection, in the style of iommufd's `fail_nth`: a checker arms the core so that
 * one of its internal allocations fails, then checks that the call answers ENOMEM (or succeeds)
 * and leaves every observable part of the state exactly as before, leaking nothing.
 *
 * Rules:
 *  1. `failNth(n)` (n >= 1) arms the NEXT top-level call: its n-th internal allocation fails
 *     and the call answers ENOMEM. The arming ends when that call returns, whatever happened.
 *  2. Only allocations the armed call makes itself, before it delivers its first notification,
 *     count: the fault disarms at the first delivery, so handlers and deferred work never see it.
 *  3. The implementation decides where its allocation points are (a set record, an ID record,
 *     an SPID index entry, a notifier record, an allocator record). A call that makes fewer than
 *     n allocations runs normally. Guards run before allocations: a call the spec refuses
 *     answers the spec's errno even when armed.
 *  4. A call failing this way changes nothing: no delivery, no handler or work call, no number
 *     kept from a custom allocator, and every introspection view as before.
 *  5. The method is optional: a core without it is reported as "fault injection: not checked".
 */

/** The optional fault-injection method (rule 5); `IoasidCore` carries it as an optional member. */
export interface FaultInjection {
  /** Arm the next top-level call: its n-th internal allocation fails with ENOMEM (rules 1-4). */
  failNth?(n: number): void;
}

/** The feature an exec process advertises at `ready` when it accepts `fail_nth` messages. */
export const FAULT_FEATURE = "failNth" as const;
