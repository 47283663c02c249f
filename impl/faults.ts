/**
 * The fault counter of ImplCore (api/faults.ts): `failNth(n)` arms the next top-level call so
 * that its n-th internal allocation fails.
 *
 * Rules:
 *  1. `arm(n)` records n (an integer >= 1; anything else disarms). The next top-level call
 *     (`begin`, called when a call passes its context check outside handlers and callouts)
 *     takes the arming over; the call after it starts disarmed, so the arming ends with the
 *     armed call whatever it did.
 *  2. `fails()` is asked at each allocation point, before anything is changed: it counts the
 *     allocation and answers true for the n-th one, which disarms.
 *  3. `disarm()` at the first delivery: handlers, and allocations after a delivery, never fail.
 */
export class FaultCounter {
  /** The n of the last `arm`, waiting for the next top-level call; 0 when none. */
  private pending = 0;
  /** Allocations the current call may still make before the failing one; 0 when disarmed. */
  private left = 0;

  /** Rule 1. */
  arm(n: number): void {
    this.pending = Number.isInteger(n) && n >= 1 ? n : 0;
  }

  /** A top-level call starts (rule 1). */
  begin(): void {
    this.left = this.pending;
    this.pending = 0;
  }

  /** An allocation point: true when this allocation is the one that fails (rule 2). */
  fails(): boolean {
    if (this.left === 0) return false;
    this.left--;
    return this.left === 0;
  }

  /** Rule 3. */
  disarm(): void {
    this.left = 0;
  }
}
