/**
 * The abstraction function beyond IDs: after every step, every set, the capacity left, every
 * notifier registration and every custom allocator the core under test can show (the optional
 * introspection of api/introspection.ts) must look the same as in the spec.
 *
 * Rules:
 *  1. Compared: every set live or dying in the spec before or after the step, and the set the
 *     command named; every notifier name registered before or after, or named by the command;
 *     every allocator likewise. A name or handle the spec does not know must show null.
 *  2. A core without a method is not checked for that part; `uncheckedParts` names what a core
 *     cannot show, so the suite can report it.
 *  3. Views are compared field by field as the api defines them: extra fields of a richer
 *     implementation view (impl's set chain) are ignored.
 *  4. In the suite's "touched" mode (check-step.ts rule 4) a step compares only the parts it
 *     touched (`touchedParts`); the end-of-run check compares every part.
 */
import { isDeepStrictEqual } from "node:util";
import type { Command } from "../../api/commands.js";
import type { IoasidCore } from "../../api/core.js";
import type { IntrospectionFeature, SetView } from "../../api/introspection.js";
import { INTROSPECTION_FEATURES } from "../../api/introspection.js";
import { FAULT_FEATURE } from "../../api/faults.js";
import { allocatorView, capacityLeft, notifierView, setView } from "../../spec/views.js";
import type { CoreState } from "../../spec/state.js";

/** A part of the state the core could not show, or fault injection (D32) it does not offer. */
export type Unchecked = IntrospectionFeature | typeof FAULT_FEATURE;

/** The introspection methods `core` lacks (rule 2), and `failNth` when it lacks that too. */
export const uncheckedParts = (core: IoasidCore): readonly Unchecked[] =>
  [...INTROSPECTION_FEATURES, FAULT_FEATURE].filter((f: Unchecked) => typeof Reflect.get(core, f) !== "function");

const projectSet = (v: SetView | null): SetView | null =>
  v === null ? null : { quota: v.quota, held: v.held, dying: v.dying, kind: v.kind, token: v.token, refs: v.refs };

const cmdSet = (cmd: Command): readonly number[] => ("set" in cmd && typeof cmd.set === "number" ? [cmd.set] : []);
const cmdName = (cmd: Command): readonly string[] => ("name" in cmd ? [cmd.name] : []);

/** A difference found: what, the spec's view and the core's, as text. */
export interface Mismatch {
  readonly what: string;
  readonly detail: string;
}

/** Two plain objects of primitive fields with the same keys and values (a fast path of isDeepStrictEqual for views). */
const sameFlat = (a: object, b: object): boolean | null => {
  if (Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return null;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    const x: unknown = Reflect.get(a, k);
    const y: unknown = Reflect.get(b, k);
    if ((typeof x === "object" && x !== null) || (typeof y === "object" && y !== null)) return null;
    if (!Object.is(x, y)) return false;
  }
  return true;
};

const same = (want: unknown, got: unknown): boolean => {
  if (Object.is(want, got)) return true;
  if (typeof want === "object" && want !== null && typeof got === "object" && got !== null) return sameFlat(want, got) ?? isDeepStrictEqual(want, got);
  return isDeepStrictEqual(want, got);
};

const differs = (what: string, want: unknown, got: unknown): Mismatch | null =>
  same(want, got) ? null : { what, detail: `${what}: spec has ${JSON.stringify(want)}, the core has ${JSON.stringify(got)}` };

/** Which parts to compare: every part (the default), or what a step touched (check-step.ts "touched" mode). */
export interface Parts {
  /** Set handles to compare, or "all" (before's and after's and the command's). */
  readonly sets: ReadonlySet<number> | "all";
  readonly capacity: boolean;
  readonly notifiers: boolean;
  readonly allocators: boolean;
}

/** Every part. */
export const ALL_PARTS: Parts = { sets: "all", capacity: true, notifiers: true, allocators: true };

/**
 * The parts a step from `before` to `after` touched: the sets whose record changed, that gained
 * or lost an ID, or that the command named; the capacity when the sets changed; the notifiers
 * when the registrations changed or the command names one; the allocators when the registered
 * allocators or the IDs changed, or the command names one.
 */
export const touchedParts = (before: CoreState, after: CoreState, cmd: Command): Parts => {
  const sets = new Set<number>(cmdSet(cmd));
  if (before.sets !== after.sets) {
    for (const [h, r] of after.sets) if (before.sets.get(h) !== r) sets.add(h);
    for (const h of before.sets.keys()) if (!after.sets.has(h)) sets.add(h);
  }
  if (before.ids !== after.ids) {
    for (const [id, r] of after.ids) if (!before.ids.has(id)) sets.add(r.set);
    for (const [id, r] of before.ids) if (!after.ids.has(id)) sets.add(r.set);
  }
  return {
    sets, capacity: before.sets !== after.sets,
    notifiers: before.notifiers !== after.notifiers || cmd.op.includes("notifier"),
    allocators: before.allocators !== after.allocators || before.ids !== after.ids || cmd.op.endsWith("_allocator"),
  };
};

/** The first mismatch between the spec state `after` and the core's introspection (rule 1) in `parts`, or null. Throws what the core throws. */
export const firstMismatch = (before: CoreState, after: CoreState, core: IoasidCore, cmd: Command, parts: Parts = ALL_PARTS): Mismatch | null => {
  if (core.inspectSet !== undefined) {
    const handles = parts.sets === "all" ? new Set([...before.sets.keys(), ...after.sets.keys(), ...cmdSet(cmd)]) : parts.sets;
    for (const h of handles) {
      const m = differs(`set ${h}`, setView(after, h), projectSet(core.inspectSet(h)));
      if (m !== null) return m;
    }
  }
  if (core.capacityLeft !== undefined && parts.capacity) {
    const m = differs("capacity left", capacityLeft(after), core.capacityLeft());
    if (m !== null) return m;
  }
  if (core.inspectNotifier !== undefined && parts.notifiers && (before.notifiers.length > 0 || after.notifiers.length > 0 || cmd.op.includes("notifier"))) {
    const names = new Set([...before.notifiers.map((n) => n.name), ...after.notifiers.map((n) => n.name), ...(cmd.op.includes("notifier") ? cmdName(cmd) : [])]);
    for (const n of names) {
      const m = differs(`notifier ${n}`, notifierView(after, n), core.inspectNotifier(n));
      if (m !== null) return m;
    }
  }
  if (core.inspectAllocator !== undefined && parts.allocators && (before.allocators.length > 0 || after.allocators.length > 0 || cmd.op.endsWith("_allocator"))) {
    const names = new Set([...before.allocators.map((a) => a.name), ...after.allocators.map((a) => a.name), ...(cmd.op.endsWith("_allocator") ? cmdName(cmd) : [])]);
    for (const n of names) {
      const m = differs(`allocator ${n}`, allocatorView(after, n), core.inspectAllocator(n));
      if (m !== null) return m;
    }
  }
  return null;
};
