/**
 * The optional introspection of an exec core (api/introspection.ts): the methods a process
 * advertised in `features` at `ready`, each one `call` whose reply carries `inspect`.
 *
 * Rules:
 *  1. Only advertised methods exist: a feature the process did not list is left out, so the
 *     suites report that part of the state as not checked. Unknown feature names are ignored.
 *  2. The reply's `inspect` is decoded with the codec of the method's answer (a view of the
 *     right kind, or null; a number for capacityLeft); anything else is a protocol violation,
 *     like a malformed inspectId reply: `ask` answers null and the core stops (exec-core.ts rule 2).
 *  3. Views are rebuilt from their fields only (io-ts keeps unknown properties), so equal views
 *     are deep-equal (api/introspection.ts rule 3).
 */
import * as t from "io-ts";
import type { Introspection, IntrospectionFeature } from "../../api/introspection.js";
import { INTROSPECTION_FEATURES } from "../../api/introspection.js";
import type { InspectReply, MethodArgs } from "./protocol.js";
import { toWire, WireAllocatorView, WireNotifierView, WireSetView } from "./protocol.js";

/** What an inspect reply carries. */
export type InspectValue = InspectReply["inspect"];

/**
 * Send introspection call `method` and take from its reply's `inspect` what `pick` finds (rule 2:
 * `pick` answers undefined for a value of the wrong shape, and `ask` then stops the core).
 */
export type Ask = <M extends IntrospectionFeature, T>(method: M, args: MethodArgs<M>, pick: (inspect: InspectValue) => T | undefined, shape: string) => T;

/** `codec`'s decoding of `u`, or undefined when it does not decode (rule 2). */
const decoded = <A>(codec: t.Decoder<unknown, A>, u: unknown): A | undefined => {
  const d = codec.decode(u);
  return d._tag === "Right" ? d.right : undefined;
};

const SetAnswer = t.union([WireSetView, t.null]);
const NotifierAnswer = t.union([WireNotifierView, t.null]);
const AllocatorAnswer = t.union([WireAllocatorView, t.null]);

/** The method of feature `f`, asking through `ask`. */
const methodOf = (f: IntrospectionFeature, ask: Ask): Introspection => {
  switch (f) {
    case "inspectSet":
      return {
        inspectSet: (set) => ask("inspectSet", [toWire(set)], (u) => {
          const v = decoded(SetAnswer, u);
          return v === undefined || v === null ? v : { quota: v.quota, held: v.held, dying: v.dying, kind: v.kind, token: v.token, refs: v.refs };
        }, "a set view or null"),
      };
    case "capacityLeft":
      return { capacityLeft: () => ask("capacityLeft", [], (u) => decoded(t.number, u), "a number") };
    case "inspectNotifier":
      return {
        inspectNotifier: (name) => ask("inspectNotifier", [name], (u) => {
          const v = decoded(NotifierAnswer, u);
          return v === undefined || v === null ? v : { where: v.where, set: v.set, mm: v.mm };
        }, "a notifier view or null"),
      };
    case "inspectAllocator":
      return {
        inspectAllocator: (name) => ask("inspectAllocator", [name], (u) => {
          const v = decoded(AllocatorAnswer, u);
          return v === undefined || v === null ? v : { active: v.active, outstanding: v.outstanding };
        }, "an allocator view or null"),
      };
  }
};

/** The introspection methods of the advertised `features` (rule 1), each asking through `ask`. */
export const execIntrospection = (features: readonly string[], ask: Ask): Introspection =>
  INTROSPECTION_FEATURES.filter((f) => features.includes(f)).reduce<Introspection>((methods, f) => ({ ...methods, ...methodOf(f, ask) }), {});
