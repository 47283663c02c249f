/**
 * The scope of an exploration: how many of each thing the explored command sequences may name,
 * and how deep the search goes by default. Small scopes, checked exhaustively, are where the
 * shortest counterexamples live.
 *
 * Rules:
 *  1. `sets` bounds the sets that exist at once (live or dying): alloc_set is offered only
 *     below it. `notifiers` bounds the registrations at once in the same way.
 *  2. IDs are drawn from 1..`ids`: alloc asks for [1, ids] (and [1, 1], a range with one
 *     number); `capacity` is the sum-of-quotas limit the core is created with.
 *  3. SPIDs are 1..`spids`, mm tokens 1..`mms`; a NULL token is always value 0.
 *  4. `priorities` levels are used, spread from the highest to the lowest rank of the codec's
 *     priorities: with n notifiers, n levels realize every relative delivery order.
 *  5. `reactions`: "silent" handlers only listen; "each" adds, for every handler call of the
 *     codec, a handler making it where it belongs (a `_locked` call inside the handler, any
 *     other one as deferred work); "every" makes every call both inside the handler and as
 *     deferred work. Reacting handlers react to every event.
 *  6. `allocators` custom allocator names share one functions key (so one ID space).
 *  7. `depth`: the default number of commands per explored sequence.
 */
import * as t from "io-ts";

/** Codec of a scope. */
export const Scope = t.readonly(
  t.type({
    name: t.string,
    sets: t.number,
    ids: t.number,
    capacity: t.number,
    spids: t.number,
    mms: t.number,
    notifiers: t.number,
    priorities: t.number,
    reactions: t.keyof({ silent: null, each: null, every: null }),
    allocators: t.number,
    depth: t.number,
  }),
);
export type Scope = t.TypeOf<typeof Scope>;

/** The named scopes, the default first. */
export const SCOPES: readonly Scope[] = [
  { name: "core", sets: 2, ids: 4, capacity: 4, spids: 2, mms: 2, notifiers: 2, priorities: 2, reactions: "silent", allocators: 1, depth: 6 },
  { name: "handlers", sets: 2, ids: 4, capacity: 4, spids: 2, mms: 2, notifiers: 2, priorities: 2, reactions: "every", allocators: 1, depth: 4 },
  { name: "small", sets: 1, ids: 2, capacity: 2, spids: 1, mms: 1, notifiers: 1, priorities: 1, reactions: "each", allocators: 1, depth: 5 },
];

/** The scope used when none is named. */
export const DEFAULT_SCOPE = "core";

/** The scope of this name, or the reason there is none. */
export const scopeNamed = (name: string): Scope | string =>
  SCOPES.find((s) => s.name === name) ?? `unknown scope "${name}" (scopes: ${SCOPES.map((s) => s.name).join(", ")})`;
