/**
 * The Timeline: a trace as the design document's step tables show a life cycle (reference/004,
 * "Guest IOASID Life Cycle"): one row per step or sub-step, one column per actor, the IOASID
 * core's visible effect, and the Ref column. Plain data: every renderer reads only this.
 *
 * Rules:
 *  1. `step` is 1-based (trace step i is row step i + 1); `sub` numbers the nested rows of a
 *     step (core calls, deliveries, handler and work calls, returns) in the order they happened.
 *  2. A row belongs to one actor column (`column`) and says what that actor did (`text`); its
 *     diagram message goes from `from` to `to` (equal for an actor's own action).
 *  3. `effect` is what the IOASID core shows changed since the previous row; `ref` is the
 *     reference count of the row's PASID right after the row (state "gone": not live).
 *  4. `diverging` marks every row of the step the violation names; a violation at step
 *     commands.length is shown on a final "teardown / leak check" row.
 */

/** The fixed actor columns, in the design's order. */
export const ACTOR_COLUMNS = ["VFIO", "IOMMU", "KVM", "VDCM", "guest", "process"] as const;
export type ActorColumn = (typeof ACTOR_COLUMNS)[number];

/** The IOASID core column (effects) and the Ref column. */
export const CORE_COLUMN = "IOASID core";
export const REF_COLUMN = "Ref";

/** Who acted: an actor column and, when known, which one of its kind (kvm1, vdcm2, proc1). */
export interface Actor {
  readonly column: string;
  readonly instance: string | null;
}

/** The reference count of one PASID at one moment. */
export interface RefView {
  readonly refs: number;
  readonly state: "ALLOCATED" | "FREE_PENDING" | "gone";
}

/** What a row records. */
export type RowKind = "command" | "call" | "delivery" | "return" | "teardown";

/** One row of the table (rule 1 to 4). */
export interface TimelineRow {
  readonly step: number;
  readonly sub: number | null;
  /** "3" for a step's own row, "3.2" for its second nested row, "teardown" for the final one. */
  readonly label: string;
  /** Nesting: 0 for a step's own row, +1 per call, delivery or handler level. */
  readonly depth: number;
  readonly kind: RowKind;
  readonly column: string;
  readonly instance: string | null;
  readonly from: string;
  readonly to: string;
  /** The actor cell. */
  readonly text: string;
  /** The diagram message (the cell without the direction arrow of a delivery). */
  readonly message: string;
  /** The IOASID core cell. */
  readonly effect: string;
  readonly pasid: number | null;
  readonly ref: RefView | null;
  /** The Ref cell. */
  readonly refText: string;
  readonly diverging: boolean;
}

/** One step as a whole: the PASID it is about and its reference count before and after. */
export interface TimelineStep {
  readonly step: number;
  readonly label: string;
  readonly pasid: number | null;
  readonly refBefore: RefView | null;
  readonly refAfter: RefView | null;
  readonly diverging: boolean;
}

/** The violation of the trace, placed. */
export interface TimelineViolation {
  /** 0-based, as stored. */
  readonly step: number;
  readonly kind: string;
  readonly detail: string;
  /** The label of the row it is shown on ("4", "teardown"), or null when no row matches. */
  readonly at: string | null;
}

/** A trace as a table. */
export interface Timeline {
  readonly suite: "core" | "system";
  readonly implementation: string;
  readonly note: string;
  /** Every column: the fixed actor columns, then notifier-named ones, then IOASID core and Ref. */
  readonly columns: readonly string[];
  /** The columns some row uses (as its column or as a message end), in `columns` order. */
  readonly used: readonly string[];
  readonly rows: readonly TimelineRow[];
  readonly steps: readonly TimelineStep[];
  readonly violation: TimelineViolation | null;
}
