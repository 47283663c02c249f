/**
 * The fixed pools of a scope that the alphabet draws from: its reactions and its priority
 * levels, both read from the api codecs (scope.ts rules 4 and 5).
 *
 * Rules:
 *  1. Handler calls, events and priorities are the keys of their codecs, so a handler call added
 *     to `HandlerCall` is explored without a change here.
 *  2. A call belongs inside a handler when it takes the lock as held: its name ends in
 *     `_locked` (D27); any other call belongs in deferred work.
 *  3. Every value built here is decoded by its codec (decode, never cast).
 */
import * as t from "io-ts";
import { IoasidEvent, PRIORITY_RANK, Priority } from "../api/notification.js";
import { HandlerCall, Reaction, SILENT } from "../api/reaction.js";
import type { Scope } from "./scope.js";
import { keysOf } from "./command-shapes.js";

/** Rule 3: the values among `xs` that `codec` decodes. */
export const decodeAll = <A>(codec: t.Type<A, unknown>, xs: readonly unknown[]): readonly A[] =>
  xs.flatMap((x) => {
    const d = codec.decode(x);
    return d._tag === "Right" ? [d.right] : [];
  });

const ALL_EVENTS = keysOf(IoasidEvent) ?? [];
const ALL_CALLS = keysOf(HandlerCall) ?? [];

/** A call (or command kind) that needs the core lock, i.e. belongs inside a handler (D27). */
export const isLockedCall = (name: string): boolean => name.endsWith("_locked");

/** The reactions of a scope (scope.ts rule 5). */
export const reactionsOf = (scope: Scope): readonly Reaction[] => {
  switch (scope.reactions) {
    case "silent": return [SILENT];
    case "each": return [SILENT, ...decodeAll(Reaction, ALL_CALLS.map((c) =>
      isLockedCall(c) ? { on: ALL_EVENTS, now: [c], later: [] } : { on: ALL_EVENTS, now: [], later: [c] }))];
    case "every": return [SILENT, ...decodeAll(Reaction, [
      ...ALL_CALLS.map((c) => ({ on: ALL_EVENTS, now: [c], later: [] })),
      ...ALL_CALLS.map((c) => ({ on: ALL_EVENTS, now: [], later: [c] })),
    ])];
  }
};

/** The priority levels of a scope (scope.ts rule 4). */
export const prioritiesOf = (scope: Scope): readonly Priority[] => {
  const all = decodeAll(Priority, keysOf(Priority) ?? []).slice().sort((a, b) => PRIORITY_RANK[b] - PRIORITY_RANK[a]);
  const n = Math.max(1, Math.min(scope.priorities, all.length));
  const picked = n === 1 ? all.slice(0, 1) : Array.from({ length: n }, (_, i) => all[Math.round((i * (all.length - 1)) / (n - 1))]);
  return [...new Set(picked)].flatMap((p) => (p === undefined ? [] : [p]));
};

