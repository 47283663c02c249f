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
 */
import { isDeepStrictEqual } from "node:util";
import type { Command } from "../../api/commands.js";
import type { IoasidCore } from "../../api/core.js";
import type { IntrospectionFeature, SetView } from "../../api/introspection.js";
import { INTROSPECTION_FEATURES } from "../../api/introspection.js";
import { allocatorView, capacityLeft, notifierView, setView } from "../../spec/views.js";
import type { CoreState } from "../../spec/state.js";

/** A part of the state the core could not show, and why. */
export type Unchecked = IntrospectionFeature;

/** The introspection methods `core` lacks (rule 2). */
export const uncheckedParts = (core: IoasidCore): readonly Unchecked[] =>
  INTROSPECTION_FEATURES.filter((f) => typeof Reflect.get(core, f) !== "function");

const projectSet = (v: SetView | null): SetView | null =>
  v === null ? null : { quota: v.quota, held: v.held, dying: v.dying, kind: v.kind, token: v.token, refs: v.refs };

const cmdSet = (cmd: Command): readonly number[] => ("set" in cmd && typeof cmd.set === "number" ? [cmd.set] : []);
const cmdName = (cmd: Command): readonly string[] => ("name" in cmd ? [cmd.name] : []);

/** A difference found: what, the spec's view and the core's, as text. */
export interface Mismatch {
  readonly what: string;
  readonly detail: string;
}

const differs = (what: string, want: unknown, got: unknown): Mismatch | null =>
  isDeepStrictEqual(want, got) ? null : { what, detail: `${what}: spec has ${JSON.stringify(want)}, the core has ${JSON.stringify(got)}` };

/** The first mismatch between the spec state `after` and the core's introspection (rule 1), or null. Throws what the core throws. */
export const firstMismatch = (before: CoreState, after: CoreState, core: IoasidCore, cmd: Command): Mismatch | null => {
  if (core.inspectSet !== undefined) {
    const handles = new Set([...before.sets.keys(), ...after.sets.keys(), ...cmdSet(cmd)]);
    for (const h of handles) {
      const m = differs(`set ${h}`, setView(after, h), projectSet(core.inspectSet(h)));
      if (m !== null) return m;
    }
  }
  if (core.capacityLeft !== undefined) {
    const m = differs("capacity left", capacityLeft(after), core.capacityLeft());
    if (m !== null) return m;
  }
  if (core.inspectNotifier !== undefined) {
    const names = new Set([...before.notifiers.map((n) => n.name), ...after.notifiers.map((n) => n.name), ...(cmd.op.includes("notifier") ? cmdName(cmd) : [])]);
    for (const n of names) {
      const m = differs(`notifier ${n}`, notifierView(after, n), core.inspectNotifier(n));
      if (m !== null) return m;
    }
  }
  if (core.inspectAllocator !== undefined) {
    const names = new Set([...before.allocators.map((a) => a.name), ...after.allocators.map((a) => a.name), ...(cmd.op.endsWith("_allocator") ? cmdName(cmd) : [])]);
    for (const n of names) {
      const m = differs(`allocator ${n}`, allocatorView(after, n), core.inspectAllocator(n));
      if (m !== null) return m;
    }
  }
  return null;
};
