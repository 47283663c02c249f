/**
 * Equality of two outcomes, field by field (the comparison runs once per checked command, so it
 * is written for the shapes of api/outcome.ts rather than as a generic deep equality).
 */
import type { Delivery } from "../../api/notification.js";
import type { Outcome, TraceEvent } from "../../api/outcome.js";
import type { CallResult, Value } from "../../api/result.js";

const sameValue = (a: Value, b: Value): boolean => {
  if (a === b) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

const sameResult = (a: CallResult, b: CallResult): boolean =>
  a.ok ? b.ok && sameValue(a.value, b.value) : !b.ok && a.errno === b.errno;

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
