/**
 * What the IOASID core shows changed between two spec states: the IOASID core column.
 *
 * Rules:
 *  1. Listed, in this order: sets (created, quota, references, dying, destroyed), IDs
 *     (allocated, FREE_PENDING, SPID, data, binds, reclaimed), notifiers (registered, pending,
 *     attached, unregistered), custom allocators (registered, unregistered).
 *  2. ID reference counts are left to the Ref column, except for IDs other than `subject`
 *     (a set_put or a handler touching another ID), which read `ID 4 refs 2`.
 *  3. Equal states give the empty string.
 */
import type { CoreState, NotifierRecord } from "../../spec/state.js";
import { numText } from "./text.js";

const scopeText = (n: NotifierRecord): string => {
  switch (n.scope.kind) {
    case "global": return "global";
    case "set": return `on set ${n.scope.set}`;
    case "mm": return n.scope.attached === null ? `pending on mm ${n.scope.mm}` : `attached to set ${n.scope.attached}`;
  }
};

const setChanges = (a: CoreState, b: CoreState): string[] => {
  const out: string[] = [];
  for (const [h, s] of b.sets) {
    const was = a.sets.get(h);
    if (was === undefined) {
      out.push(`set ${h} created${s.token.type === "mm" ? ` (mm ${s.token.mm})` : ""}`);
      continue;
    }
    if (was.quota !== s.quota) out.push(`set ${h} quota ${s.quota}`);
    if (was.refs !== s.refs) out.push(s.refs === 0 ? `set ${h} dying` : `set ${h} refs ${s.refs}`);
  }
  for (const h of a.sets.keys()) if (!b.sets.has(h)) out.push(`set ${h} destroyed`);
  return out;
};

const idChanges = (a: CoreState, b: CoreState, subject: number | null): string[] => {
  const out: string[] = [];
  for (const [id, r] of b.ids) {
    const name = `ID ${numText(id)}`;
    const was = a.ids.get(id);
    if (was === undefined) {
      out.push(`${name} allocated in set ${r.set}`);
      continue;
    }
    if (was.state !== r.state) out.push(`${name} ${r.state}`);
    if (was.spid !== r.spid) out.push(r.spid === null ? `${name} spid cleared` : `${name} spid ${numText(r.spid)}`);
    if (was.data !== r.data) out.push(`${name} data ${r.data ?? "null"}`);
    if (was.binds !== r.binds) out.push(`${name} binds ${r.binds}`);
    if (was.refs !== r.refs && id !== subject) out.push(`${name} refs ${r.refs}`);
  }
  for (const id of a.ids.keys()) if (!b.ids.has(id)) out.push(`ID ${numText(id)} reclaimed`);
  return out;
};

const notifierChanges = (a: CoreState, b: CoreState): string[] => {
  const out: string[] = [];
  for (const n of b.notifiers) {
    const was = a.notifiers.find((m) => m.name === n.name);
    if (was === undefined) out.push(`${n.name} registered (${scopeText(n)})`);
    else if (scopeText(was) !== scopeText(n)) out.push(`${n.name} ${scopeText(n)}`);
  }
  for (const n of a.notifiers) if (!b.notifiers.some((m) => m.name === n.name)) out.push(`${n.name} unregistered`);
  return out;
};

const allocatorChanges = (a: CoreState, b: CoreState): string[] => [
  ...b.allocators.filter((x) => !a.allocators.some((y) => y.name === x.name)).map((x) => `allocator ${x.name} registered`),
  ...a.allocators.filter((x) => !b.allocators.some((y) => y.name === x.name)).map((x) => `allocator ${x.name} unregistered`),
];

/** Rules 1 to 3. */
export const coreEffect = (a: CoreState, b: CoreState, subject: number | null): string =>
  a === b ? "" : [...setChanges(a, b), ...idChanges(a, b, subject), ...notifierChanges(a, b), ...allocatorChanges(a, b)].join(", ");
