/**
 * Transitions shared by several actions. Each takes a state that satisfies its precondition
 * (checked by the calling action's guard) and returns the next one.
 *
 * Rules:
 *  1. publish: every recipient of the event (fixed at publication, D25) gets one delivery; its
 *     handler runs one level deeper in handler context.
 *  2. free: mark FREE_PENDING, publish FREE, then drop the allocation's reference (D9).
 *  3. A reference count reaching zero reclaims the ID; the last ID of a dying set destroys it (D12).
 *  4. A destroyed set drops its own chain; its MM notifiers go back to pending (D24).
 */
import type { IoasidEvent } from "../api/notification.js";
import type { TraceEvent } from "../api/outcome.js";
import type { CoreState, IdRecord, NotifierRecord, SetRecord } from "./state.js";
import type { Deliver, Handled, Sys } from "./step-types.js";
import { heldCount, isDying, recipients } from "./derived.js";

/** The state with `rec` stored. */
export const putId = (s: CoreState, rec: IdRecord): CoreState => {
  const ids = new Map(s.ids);
  ids.set(rec.id, rec);
  return { ...s, ids };
};

/** The state with `set` stored. */
export const putSet = (s: CoreState, set: SetRecord): CoreState => {
  const sets = new Map(s.sets);
  sets.set(set.handle, set);
  return { ...s, sets };
};

/** The ID record of a live ID; a missing one is a broken precondition of the caller. */
export const idOf = (s: CoreState, id: number): IdRecord => {
  const rec = s.ids.get(id);
  if (rec === undefined) throw new Error(`spec precondition broken: ID ${id} is not live`);
  return rec;
};

/** Deliver `event` on ID `rec` to every recipient, in order (rule 1). */
export const publish = <E>(sys: Sys<E>, deliver: Deliver<E>, event: IoasidEvent, rec: IdRecord): Handled<E> => {
  let { core, env } = sys;
  const events: TraceEvent[] = [];
  for (const n of recipients(core, event, rec.set)) {
    const delivery = { event, id: rec.id, spid: rec.spid, set: rec.set, notifier: n.name };
    events.push({ kind: "deliver", delivery });
    const after = deliver({ ...core, depth: core.depth + 1 }, env, delivery);
    core = { ...after.core, depth: after.core.depth - 1 };
    env = after.env;
    events.push(...after.events);
  }
  return { core, env, events };
};

/** Destroy a dying set that holds no ID (rule 4). */
export const destroySet = (s: CoreState, handle: number): CoreState => {
  const sets = new Map(s.sets);
  sets.delete(handle);
  const notifiers: NotifierRecord[] = [];
  for (const n of s.notifiers) {
    if (n.scope.kind === "set" && n.scope.set === handle) continue;
    if (n.scope.kind === "mm" && n.scope.attached === handle) notifiers.push({ ...n, scope: { ...n.scope, attached: null } });
    else notifiers.push(n);
  }
  return { ...s, sets, notifiers };
};

/** Reclaim an ID whose last reference is gone (rule 3). */
export const reclaim = (s: CoreState, id: number): CoreState => {
  const rec = idOf(s, id);
  const ids = new Map(s.ids);
  ids.delete(id);
  const next = { ...s, ids };
  const set = next.sets.get(rec.set);
  return set !== undefined && isDying(set) && heldCount(next, set.handle) === 0 ? destroySet(next, set.handle) : next;
};

/** Drop one reference; reclaim at zero. `taken` says whether it was a taken (not the allocation's) reference. */
export const dropRef = (s: CoreState, id: number, taken: boolean): CoreState => {
  const rec = idOf(s, id);
  const ghost = taken ? { ...rec.ghost, taken: rec.ghost.taken - 1 } : rec.ghost;
  const next: IdRecord = { ...rec, refs: rec.refs - 1, allocRef: taken ? rec.allocRef : false, ghost };
  return next.refs === 0 ? reclaim(s, id) : putId(s, next);
};

/** Take one reference (get, get_locked, find_by_spid). */
export const takeRef = (s: CoreState, rec: IdRecord): CoreState =>
  putId(s, {
    ...rec,
    refs: rec.refs + 1,
    ghost: {
      ...rec.ghost,
      taken: rec.ghost.taken + 1,
      takenAfterFree: rec.ghost.takenAfterFree + (rec.state === "FREE_PENDING" ? 1 : 0),
    },
  });

/** Free an ID as `free` does (rule 2); a FREE_PENDING ID is left alone (D10). */
export const freeId = <E>(sys: Sys<E>, deliver: Deliver<E>, id: number): Handled<E> => {
  const rec = idOf(sys.core, id);
  if (rec.state === "FREE_PENDING") return { ...sys, events: [] };
  const marked: IdRecord = { ...rec, state: "FREE_PENDING" };
  const after = publish({ core: putId(sys.core, marked), env: sys.env }, deliver, "FREE", marked);
  return { ...after, core: dropRef(after.core, id, false) };
};
