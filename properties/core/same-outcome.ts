/**
 * Agreement of two outcomes, field by field (the comparison runs once per checked command, so it
 * is written for the shapes of api/outcome.ts rather than as a generic deep equality).
 *
 * Rules:
 *  1. Outcomes made of `Ok` and `Err` results agree exactly when they are equal.
 *  2. A refusal without an errno (api/result.ts `NoErrno`, D30) agrees with any refusal, except
 *     one of `via: "errno"` (an errno outside the protocol's list), which agrees with nothing.
 */
import type { Delivery } from "../../api/notification.js";
import type { Outcome, TraceEvent } from "../../api/outcome.js";
import type { CallResult, Err, NoErrno, Value } from "../../api/result.js";

const sameValue = (a: Value, b: Value): boolean => {
  if (a === b) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

/** Rule 2: may this refusal stand for the other side's errno? */
const standsForAnyErrno = (r: Err | NoErrno): boolean => r.errno !== null || r.via !== "errno";

/** Do two results agree (rules 1 and 2)? Symmetric. */
export const sameResult = (a: CallResult, b: CallResult): boolean => {
  if (a.ok) return b.ok && sameValue(a.value, b.value);
  if (b.ok) return false;
  if (a.errno === null || b.errno === null) return standsForAnyErrno(a) && standsForAnyErrno(b);
  return a.errno === b.errno;
};

const sameDelivery = (a: Delivery, b: Delivery): boolean =>
  a.event === b.event && a.id === b.id && a.spid === b.spid && a.set === b.set && a.notifier === b.notifier;

const sameEvent = (a: TraceEvent, b: TraceEvent): boolean =>
  a.kind === "deliver"
    ? b.kind === "deliver" && sameDelivery(a.delivery, b.delivery)
    : b.kind === "call" && a.notifier === b.notifier && a.context === b.context && a.call === b.call && a.id === b.id && sameResult(a.result, b.result);

/** Do two outcomes agree in result and in every event, in order? */
export const sameOutcome = (a: Outcome, b: Outcome): boolean => {
  if (!sameResult(a.result, b.result) || a.events.length !== b.events.length) return false;
  for (let i = 0; i < a.events.length; i++) {
    const x = a.events[i];
    const y = b.events[i];
    if (x === undefined || y === undefined || !sameEvent(x, y)) return false;
  }
  return true;
};
