/**
 * Argument edits: small changes of a command list that a renumbering pass tries in order.
 *
 * Rules:
 *  1. A try maps the current commands (and the values they returned) to changed commands, or to
 *     null when it no longer applies; a group of tries is tried in order and the first one that
 *     keeps the failure class wins (renumber.ts).
 *  2. A number field reads a caller-chosen number of a command (null if the command has none)
 *     and writes a new one. `applies` restricts it to some occurrences (e.g. stale IDs only).
 *  3. For each field namespace, every distinct value first gets a group that renames all its
 *     occurrences at once (an SPID attached and then looked up stays one SPID), then every
 *     single occurrence gets its own group. Candidates are smaller values (numbers.ts), and a
 *     try applies only while the occurrence still holds the value it was made for.
 */
import { smallerValues } from "./numbers.js";

/** Rule 1. */
export type Try<C> = (cmds: readonly C[], values: readonly (number | null)[]) => readonly C[] | null;
export type EditGroup<C> = readonly Try<C>[];

/** Rule 2. */
export interface NumberField<C> {
  /** Fields of one namespace are renamed together. */
  readonly ns: string;
  readonly lo: number;
  readonly read: (c: C) => number | null;
  readonly write: (c: C, v: number) => C;
  /** Whether the occurrence at step i counts (default: all). */
  readonly applies?: (cmds: readonly C[], values: readonly (number | null)[], i: number) => boolean;
}

const holds = <C>(f: NumberField<C>, cmds: readonly C[], values: readonly (number | null)[], i: number, v: number): boolean => {
  const c = cmds[i];
  return c !== undefined && f.read(c) === v && (f.applies === undefined || f.applies(cmds, values, i));
};

/** Rename every counted occurrence of `v` in namespace `ns` to `to`. */
const renameAll = <C>(fields: readonly NumberField<C>[], ns: string, v: number, to: number): Try<C> => (cmds, values) => {
  let hit = false;
  const out = cmds.map((c, i) => {
    let cur = c;
    for (const f of fields) {
      if (f.ns !== ns || !holds(f, cmds, values, i, v)) continue;
      cur = f.write(cur, to);
      hit = true;
    }
    return cur;
  });
  return hit ? out : null;
};

/** Set one occurrence (step i, field f) from `v` to `to`. */
const setOne = <C>(f: NumberField<C>, i: number, v: number, to: number): Try<C> => (cmds, values) => {
  const c = cmds[i];
  return c !== undefined && holds(f, cmds, values, i, v) ? cmds.map((x, j) => (j === i ? f.write(c, to) : x)) : null;
};

/** Rule 3: the namespace groups, then the single-occurrence groups, in a fixed order. */
export const numberGroups = <C>(cmds: readonly C[], values: readonly (number | null)[], fields: readonly NumberField<C>[]): readonly EditGroup<C>[] => {
  const namespaces: { readonly ns: string; readonly lo: number; readonly v: number }[] = [];
  const singles: EditGroup<C>[] = [];
  for (const [i, c] of cmds.entries()) {
    for (const f of fields) {
      const v = f.read(c);
      if (v === null || !holds(f, cmds, values, i, v)) continue;
      if (!namespaces.some((n) => n.ns === f.ns && n.v === v)) namespaces.push({ ns: f.ns, lo: f.lo, v });
      singles.push(smallerValues(v, f.lo).map((to) => setOne(f, i, v, to)));
    }
  }
  const order = [...new Set(fields.map((f) => f.ns))];
  const byNs = [...namespaces].sort((a, b) => order.indexOf(a.ns) - order.indexOf(b.ns));
  return [...byNs.map((n) => smallerValues(n.v, n.lo).map((to) => renameAll(fields, n.ns, n.v, to))), ...singles];
};

/** A group with one try that replaces step i by `f(step)` when `f` gives something else. */
export const stepEdit = <C>(i: number, f: (c: C) => C | null): EditGroup<C> => [
  (cmds) => {
    const c = cmds[i];
    const next = c === undefined ? null : f(c);
    return next === null || JSON.stringify(next) === JSON.stringify(c) ? null : cmds.map((x, j) => (j === i ? next : x));
  },
];
