/**
 * Which calls may fail an internal allocation (D32): the call kinds the spec rules allow to
 * answer ENOMEM when fault injection (api/faults.ts) armed them. Each of these creates a record
 * a kernel implementation allocates (a set, an ID, an SPID index entry, a notifier, an
 * allocator registration); every other call only reads or removes records and never fails so.
 *
 * Rules:
 *  1. ENOMEM is accepted only for a call armed by the `fail_nth` just before it, of a kind
 *     listed here, that the spec answers Ok: guards run before allocations, so a call the
 *     spec refuses answers the spec's errno even when armed.
 *  2. A call answering ENOMEM changes nothing: the spec is not stepped, and the core's whole
 *     observable state must equal the unchanged spec state.
 *  3. Implementations never import this table: where they allocate is their own affair.
 */
import type { CommandKind } from "../api/commands.js";

/** The call kinds that may fail an internal allocation under fault injection (D32). */
export const MAY_FAIL_ALLOCATION: ReadonlySet<CommandKind> = new Set<CommandKind>([
  "alloc_set",
  "alloc",
  "attach_spid",
  "register_notifier",
  "register_notifier_mm",
  "register_allocator",
]);
