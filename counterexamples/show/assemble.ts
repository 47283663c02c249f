/**
 * From call trees to a Timeline: numbering, cells, effects, Ref, the diverging step.
 *
 * Rules:
 *  1. Rows come out in the order things happened: a node's row, then its children's rows; a call
 *     that had nested events gets a "return" row after them (the design's "ioasid_free()
 *     returns"), a call without any shows its result on its own row.
 *  2. A row's moment is the state after it (a node with children: the state its first child
 *     started from). Its effect is the change since the previous row's moment; its Ref is its
 *     PASID's count at its moment, except on an action row with nested rows (they carry it).
 *  3. When a column holds rows of more than one instance (kvm1 and kvm2), their texts are
 *     prefixed with the instance ("kvm2: ...").
 *  4. Violation step i marks every row of step i + 1; i = number of commands marks the
 *     teardown row, which is added (empty) when the replay did not record one.
 */
import type { CoreState } from "../../spec/state.js";
import type { Violation } from "../trace.js";
import type { Node } from "./nodes.js";
import type { RefView, RowKind, Timeline, TimelineRow, TimelineStep } from "./types.js";
import { CORE_COLUMN, REF_COLUMN } from "./types.js";
import { allColumns } from "./columns.js";
import { coreEffect } from "./core-effect.js";
import { deliveryMessage, deliveryText, refText, resultSuffix } from "./text.js";

/** What a replay hands over. */
export interface Recorded {
  readonly suite: "core" | "system";
  readonly implementation: string;
  readonly note: string;
  /** How deliveries name the SPID: "spid" or "gpasid". */
  readonly spidWord: string;
  readonly initial: CoreState;
  /** One root per command, in order. */
  readonly steps: readonly Node[];
  /** The recorded teardown, if the replay ran one. */
  readonly teardown: Node | null;
  readonly violation: Violation | null;
}

/** The reference count of `id` in `s`. */
export const refView = (s: CoreState, id: number | null): RefView | null => {
  if (id === null) return null;
  const r = s.ids.get(id);
  return r === undefined ? { refs: 0, state: "gone" } : { refs: r.refs, state: r.state };
};

type Draft = Omit<TimelineRow, "diverging" | "label" | "sub" | "step">;

/** What a node's own row says. */
interface Own {
  readonly kind: RowKind;
  readonly from: string;
  readonly to: string;
  readonly text: string;
  readonly message: string;
  readonly pasid: number | null;
}

/** A node's own row (a switch with no default: exhaustive by its return type). */
function ownRow(node: Node, depth: number, spidWord: string): Own {
  const self = node.actor.column;
  switch (node.kind) {
    case "call": {
      const text = node.children.length === 0 ? `${node.text}${resultSuffix(node.result)}` : node.text;
      return { kind: depth === 0 ? "command" : "call", from: self, to: CORE_COLUMN, text, message: text, pasid: node.subject };
    }
    case "deliver":
      return { kind: "delivery", from: CORE_COLUMN, to: self, text: deliveryText(node.delivery, spidWord), message: deliveryMessage(node.delivery, spidWord), pasid: node.delivery.id };
    case "action":
      return { kind: node.teardown ? "teardown" : "command", from: node.from.column, to: node.to.column, text: node.text, message: node.text, pasid: node.subject };
  }
}

/** Rules 1 and 2 for one root. */
const flatten = (root: Node, spidWord: string, start: CoreState): { readonly drafts: readonly Draft[]; readonly end: CoreState } => {
  const drafts: Draft[] = [];
  let prev = start;
  const push = (node: Node, depth: number, own: Own, moment: CoreState): void => {
    const ref = node.kind === "action" && node.children.length > 0 ? null : refView(moment, own.pasid);
    drafts.push({ ...own, depth, column: node.actor.column, instance: node.actor.instance, effect: coreEffect(prev, moment, own.pasid), ref, refText: refText(ref) });
    prev = moment;
  };
  const walk = (node: Node, depth: number): void => {
    const first = node.children[0];
    push(node, depth, ownRow(node, depth, spidWord), first === undefined ? node.after : first.before);
    for (const c of node.children) walk(c, depth + 1);
    if (node.kind === "call" && first !== undefined) {
      const text = `${node.op} returned${resultSuffix(node.result)}`;
      push(node, depth, { kind: "return", from: CORE_COLUMN, to: node.actor.column, text, message: text, pasid: node.subject }, node.after);
    }
  };
  walk(root, 0);
  return { drafts, end: root.after };
};

/** The PASID a step is about: its root's, else the first row's that names one. */
const stepPasid = (root: Node, drafts: readonly Draft[]): number | null => {
  const own = root.kind === "deliver" ? root.delivery.id : root.subject;
  return own ?? drafts.find((d) => d.pasid !== null)?.pasid ?? null;
};

/** Rule 3. */
const prefixInstances = (rows: readonly TimelineRow[]): readonly TimelineRow[] => {
  const seen = new Map<string, Set<string>>();
  for (const r of rows) if (r.instance !== null) seen.set(r.column, (seen.get(r.column) ?? new Set<string>()).add(r.instance));
  return rows.map((r) => ((seen.get(r.column)?.size ?? 0) > 1 && r.instance !== null ? { ...r, text: `${r.instance}: ${r.text}`, message: `${r.instance}: ${r.message}` } : r));
};

/** Rules 1 to 4. */
export const assemble = (rec: Recorded): Timeline => {
  const v = rec.violation;
  const n = rec.steps.length;
  const last = rec.steps.at(-1)?.after ?? rec.initial;
  const teardown: Node | null = rec.teardown ?? (v !== null && v.step === n
    ? { kind: "action", actor: { column: CORE_COLUMN, instance: null }, from: { column: CORE_COLUMN, instance: null }, to: { column: CORE_COLUMN, instance: null }, text: "teardown / leak check", subject: null, teardown: true, before: last, after: last, children: [] }
    : null);
  const roots = teardown === null ? rec.steps : [...rec.steps, teardown];
  const rows: TimelineRow[] = [];
  const steps: TimelineStep[] = [];
  let state = rec.initial;
  for (const [i, root] of roots.entries()) {
    const step = i + 1;
    const isTeardown = teardown !== null && i === n;
    const diverging = v !== null && v.step === i;
    const { drafts, end } = flatten(root, rec.spidWord, state);
    const stepLabel = isTeardown ? "teardown" : String(step);
    drafts.forEach((d, k) => rows.push({ ...d, step, sub: k === 0 ? null : k, label: k === 0 ? stepLabel : `${stepLabel}.${k}`, diverging }));
    const pasid = stepPasid(root, drafts);
    steps.push({ step, label: stepLabel, pasid, refBefore: refView(root.before, pasid), refAfter: refView(end, pasid), diverging });
    state = end;
  }
  const actorsUsed = rows.flatMap((r) => [r.column, r.from, r.to]);
  const columns = allColumns(actorsUsed);
  const usedSet = new Set([...actorsUsed, ...(rows.some((r) => r.ref !== null) ? [REF_COLUMN] : [])]);
  const at = v === null ? null : v.step === n ? "teardown" : v.step >= 0 && v.step < n ? String(v.step + 1) : null;
  return {
    suite: rec.suite,
    implementation: rec.implementation,
    note: rec.note,
    columns,
    used: columns.filter((c) => usedSet.has(c)),
    rows: prefixInstances(rows),
    steps,
    violation: v === null ? null : { step: v.step, kind: v.kind, detail: v.detail, at },
  };
};
