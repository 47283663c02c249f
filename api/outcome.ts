/**
 * What one command observably did: its result, and the ordered events it caused. Agreement
 * between two cores means equal outcomes, command by command.
 *
 * Rules:
 *  1. `events` lists, in order, every delivery and every call a handler (or deferred work)
 *     made with its result, including nested ones.
 *  2. A call made inside a handler is tagged "handler"; one made by deferred work, "work".
 */
import * as t from "io-ts";
import { Delivery } from "./notification.js";
import { HandlerCall } from "./reaction.js";
import { CallResult } from "./result.js";

/** Codec of a delivery event in an outcome. */
export const DeliverEvent = t.readonly(t.type({ kind: t.literal("deliver"), delivery: Delivery }));
export type DeliverEvent = t.TypeOf<typeof DeliverEvent>;

/** Codec of a call made by a handler or by deferred work, with its result. */
export const HandlerCallEvent = t.readonly(
  t.type({
    kind: t.literal("call"),
    notifier: t.string,
    context: t.keyof({ handler: null, work: null }),
    call: HandlerCall,
    id: t.number,
    result: CallResult,
  }),
);
export type HandlerCallEvent = t.TypeOf<typeof HandlerCallEvent>;

/** Codec of one event caused by a command. */
export const TraceEvent = t.union([DeliverEvent, HandlerCallEvent]);
export type TraceEvent = t.TypeOf<typeof TraceEvent>;

/** Codec of a command's observable outcome. */
export const Outcome = t.readonly(t.type({ result: CallResult, events: t.readonlyArray(TraceEvent) }));
export type Outcome = t.TypeOf<typeof Outcome>;

/** The deliveries of an outcome, in order. */
export const deliveriesOf = (o: Outcome): readonly Delivery[] =>
  o.events.flatMap((e) => (e.kind === "deliver" ? [e.delivery] : []));
