/**
 * Handler behaviour as data. A notifier registered through a command carries a Reaction: the
 * calls its handler makes on the delivered ID while the core lock is held ("now"), and the calls
 * it queues as one deferred work item that runs later in thread context ("later").
 *
 * Rules:
 *  1. A reaction fires only for the events listed in `on`.
 *  2. Every call targets the delivered ID through the delivered set; `for_each_ioasid` lists the
 *     delivered set, `alloc` allocates a new ID in it (any number, no data). Inside a handler
 *     every lookup or allocation that takes the lock answers EDEADLK (D27, D31).
 *  3. "now" calls run inside the handler, so only _locked calls succeed there; "later" calls run
 *     outside any handler, where the _locked calls are refused. Both kinds may be listed in
 *     either place on purpose: the refusals are part of what is checked.
 */
import * as t from "io-ts";
import { IoasidEvent } from "./notification.js";

/** Codec of one call a handler (or its deferred work) makes on the delivered ID. */
export const HandlerCall = t.keyof({
  get_locked: null,
  put_locked: null,
  set_get_locked: null,
  set_put_locked: null,
  get: null,
  put: null,
  find: null,
  free: null,
  for_each_ioasid: null,
  alloc: null,
});
export type HandlerCall = t.TypeOf<typeof HandlerCall>;

/** Codec of a handler's behaviour. */
export const Reaction = t.readonly(
  t.type({
    on: t.readonlyArray(IoasidEvent),
    now: t.readonlyArray(HandlerCall),
    later: t.readonlyArray(HandlerCall),
  }),
);
export type Reaction = t.TypeOf<typeof Reaction>;

/** A handler that only listens. */
export const SILENT: Reaction = { on: [], now: [], later: [] };
