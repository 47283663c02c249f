/**
 * Which rulings of the decision table (spec/decisions.ts) one step exercised: the basis of the
 * per-decision conformance report ("D4 get on FREE_PENDING: departs, 3 traces").
 *
 * Rules:
 *  1. A step is tagged from the spec's side only — the state before it, the command, the state
 *     after it and the spec's outcome — never from the core under test, so a departing core is
 *     judged by the same tags as a conforming one.
 *  2. A decision is tagged when the step lands in the situation the ruling is about (a get on a
 *     FREE_PENDING ID tags D4 whatever the answer), not only when the ruling changes the answer.
 *  3. D3 (check order) is tagged when two or more of its checks would refuse the same call, so
 *     that the order alone decides the errno.
 *  4. Tags come back without duplicates, in the table's order (D1, D2, ...).
 *  5. The calls handlers and deferred work make count too: a lookup (get, get_locked, find) of
 *     an ID that is FREE_PENDING at the time tags D4 like the same call made directly; a find,
 *     for_each_ioasid, alloc or free made by a handler or its deferred work tags D31.
 *  6. fail_nth, and the call it armed, tag D32.
 */
import type { Command } from "../../api/commands.js";
import type { Outcome } from "../../api/outcome.js";
import type { CoreState, IdRecord } from "../../spec/state.js";
import { isIdNumber } from "../../spec/state.js";
import { activeSpace, allocatedWithSpid, heldCount, recipients, setOfMm } from "../../spec/derived.js";

/** The id of a decision, e.g. "D4". */
export type DecisionId = string;

const LOCKED = new Set<Command["op"]>(["get_locked", "put_locked", "set_get_locked", "set_put_locked"]);

/** D30: the calls whose design API has no errno to give (void, or INVALID_IOASID only). */
const NO_ERRNO_API = new Set<Command["op"]>([
  "set_get", "set_get_locked", "set_put", "set_put_locked", "free", "put", "put_locked", "unregister_notifier",
  "unregister_notifier_mm", "unregister_allocator", "alloc", "find_by_spid",
]);

/** The handler calls that look an ID up (D4 rules them on a FREE_PENDING ID). */
const LOOKUPS = new Set<string>(["get", "get_locked", "find"]);
/** The calls D31 rules inside a handler and in its deferred work. */
const HANDLER_LOOKUPS = new Set<string>(["find", "for_each_ioasid", "alloc", "free"]);

const setArg = (c: Command): number | null | undefined => ("set" in c ? c.set : undefined);
const idArgs = (c: Command): readonly number[] => [...("id" in c ? [c.id] : []), ...("spid" in c ? [c.spid] : [])];

/** Rule 3: the D3 checks that would refuse this call, counted. */
const refusingChecks = (s: CoreState, c: Command): number => {
  let n = 0;
  if (LOCKED.has(c.op) ? s.depth === 0 : s.depth > 0 && c.op !== "run_work") n++;
  if (idArgs(c).some((x) => !isIdNumber(x))) n++;
  const set = setArg(c);
  if (typeof set === "number" && !s.sets.has(set)) n++;
  if ("id" in c) {
    const rec = s.ids.get(c.id);
    if (rec === undefined) n++;
    else {
      if (set !== undefined && set !== null && rec.set !== set) n++;
      if (rec.state === "FREE_PENDING") n++;
    }
  }
  return n;
};

const idOf = (s: CoreState, c: Command): IdRecord | undefined => ("id" in c ? s.ids.get(c.id) : undefined);

/** The decisions a command's own situation touches (rule 2). */
const byCommand = (s: CoreState, c: Command): readonly DecisionId[] => {
  const rec = idOf(s, c);
  const pending = rec?.state === "FREE_PENDING";
  const custom = activeSpace(s).kind === "custom";
  switch (c.op) {
    case "alloc_set": {
      const token = c.token;
      const waiting = token.type === "mm" && s.notifiers.some((n) => n.scope.kind === "mm" && n.scope.mm === token.mm);
      return ["D17", "D18", "D19", ...(waiting ? ["D24"] : [])];
    }
    case "adjust_set": return ["D18"];
    case "set_get": case "set_get_locked": return ["D20"];
    case "set_put": case "set_put_locked": return ["D20"];
    case "for_each_ioasid": return ["D21"];
    case "alloc": {
      const held = typeof c.set === "number" && s.sets.has(c.set) ? heldCount(s, c.set) : 0;
      const pendingInSet = [...s.ids.values()].some((r) => r.set === c.set && r.state === "FREE_PENDING");
      return ["D6", ...(pendingInSet || held >= (s.sets.get(c.set)?.quota ?? Infinity) ? ["D7"] : []), ...(custom ? ["D28", "D29"] : [])];
    }
    case "free": return [pending ? "D10" : "D9"];
    case "get": case "get_locked": return pending ? ["D4"] : [];
    case "put": case "put_locked": return ["D11"];
    case "find": return ["D16", ...(pending ? ["D4"] : [])];
    case "attach_data": return [];
    case "attach_spid": return ["D13", "D14"];
    case "detach_spid": return ["D14"];
    case "find_by_spid": {
      const live = typeof c.set === "number" && isIdNumber(c.spid) ? allocatedWithSpid(s, c.set, c.spid) : undefined;
      const stale = [...s.ids.values()].some((r) => r.set === c.set && r.spid === c.spid && r.state === "FREE_PENDING");
      return ["D15", ...(stale && live === undefined ? ["D13", "D4"] : [])];
    }
    case "register_notifier": {
      const mmSet = typeof c.set === "number" ? s.sets.get(c.set)?.token.type === "mm" : false;
      return ["D22", ...(mmSet ? ["D23"] : [])];
    }
    case "unregister_notifier": return ["D22"];
    case "register_notifier_mm": return ["D22", setOfMm(s, c.mm) === undefined ? "D24" : "D23"];
    case "unregister_notifier_mm": return ["D22", "D24"];
    case "notify": return ["D26"];
    case "register_allocator": case "unregister_allocator": return ["D28"];
    case "run_work": return [];
    case "fail_nth": return ["D32"];
  }
};

/** The decisions the step's effects touch: deliveries, handler calls, reclaim, destruction. */
const byEffects = (before: CoreState, after: CoreState, c: Command, o: Outcome): readonly DecisionId[] => {
  const tags: DecisionId[] = [];
  const deliveries = o.events.filter((e) => e.kind === "deliver");
  if (deliveries.some((e) => e.delivery.event === "ALLOC")) tags.push("D8");
  if (deliveries.some((e) => e.delivery.event === "FREE")) tags.push("D9");
  if (deliveries.some((e) => e.delivery.event === "BIND" || e.delivery.event === "UNBIND")) tags.push("D26");
  for (const event of ["ALLOC", "FREE", "BIND", "UNBIND"] as const) {
    const ids = new Set(deliveries.filter((e) => e.delivery.event === event).map((e) => e.delivery.id));
    for (const id of ids) {
      const set = before.ids.get(id)?.set ?? after.ids.get(id)?.set;
      if (set !== undefined && recipients(before, event, set).length >= 2) tags.push("D25");
    }
  }
  if (o.events.some((e) => e.kind === "call")) tags.push("D27");
  // A handler or its work looking up an ID that is FREE_PENDING then (D4): pending before the
  // step, freed by it (its FREE is being delivered), or pending after it.
  const freed = new Set(deliveries.filter((e) => e.delivery.event === "FREE").map((e) => e.delivery.id));
  const pendingAround = (id: number): boolean => before.ids.get(id)?.state === "FREE_PENDING" || after.ids.get(id)?.state === "FREE_PENDING" || freed.has(id);
  if (o.events.some((e) => e.kind === "call" && LOOKUPS.has(e.call) && pendingAround(e.id))) tags.push("D4");
  if (o.events.some((e) => e.kind === "call" && HANDLER_LOOKUPS.has(e.call))) tags.push("D31");
  if ([...before.ids.keys()].some((id) => !after.ids.has(id))) tags.push("D12");
  if ([...before.sets.keys()].some((h) => !after.sets.has(h))) tags.push("D20", "D24");
  if (c.op === "set_put" || c.op === "set_put_locked") {
    if (after.sets.get(c.set)?.refs === 0 || !after.sets.has(c.set)) tags.push("D20");
  }
  return tags;
};

/** Every decision id in table order, for sorting (rule 4). */
const order = (id: DecisionId): number => Number(id.slice(1)) + (id.startsWith("N") ? 1000 : 0);

/** The decisions one step exercised (rules 1-4); `armed`: a fail_nth just before armed it (D32). */
export const decisionsOfStep = (before: CoreState, after: CoreState, c: Command, expected: Outcome, armed = false): readonly DecisionId[] => {
  const tags = new Set<DecisionId>([...byCommand(before, c), ...byEffects(before, after, c, expected)]);
  if (idArgs(c).some((x) => !isIdNumber(x))) tags.add("D1");
  const set = setArg(c);
  if (typeof set === "number" && (!before.sets.has(set) || before.sets.get(set)?.refs === 0)) tags.add("D2");
  if (set === null) tags.add("D5");
  if (LOCKED.has(c.op) || (before.depth > 0 && c.op !== "run_work")) tags.add("D27");
  if (refusingChecks(before, c) >= 2) tags.add("D3");
  if (NO_ERRNO_API.has(c.op) && !expected.result.ok) tags.add("D30");
  if (armed || (!expected.result.ok && expected.result.errno === "ENOMEM")) tags.add("D32");
  return [...tags].sort((a, b) => order(a) - order(b));
};
