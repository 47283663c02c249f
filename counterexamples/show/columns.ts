/**
 * Which column an actor's row goes to, and which columns a renderer shows.
 *
 * Rules:
 *  1. A notifier named kvm* is KVM's, vdcm* the VDCM's, iommu* the IOMMU driver's (the names
 *     the hardware models register); any other notifier gets a column named after it, suffixed
 *     " (notifier)" if the name is already a column's.
 *  2. Shown columns: VFIO, IOMMU, KVM, VDCM, IOASID core and Ref always (the design's table);
 *     guest, process and notifier-named columns only when some row is theirs (a guest that only
 *     issues commands other actors serve has no cell; the diagram still shows it as a sender).
 *  3. A row's cell: its text in its own column, its effect in IOASID core (after its text when
 *     the row is the core's own), its Ref in Ref, nothing elsewhere.
 */
import type { Actor, Timeline, TimelineRow } from "./types.js";
import { ACTOR_COLUMNS, CORE_COLUMN, REF_COLUMN } from "./types.js";

const RESERVED: ReadonlySet<string> = new Set<string>([...ACTOR_COLUMNS, CORE_COLUMN, REF_COLUMN]);

/** Rule 1: the actor a notifier name stands for. */
export const notifierActor = (name: string): Actor => {
  const lower = name.toLowerCase();
  if (lower.startsWith("kvm")) return { column: "KVM", instance: name };
  if (lower.startsWith("vdcm")) return { column: "VDCM", instance: name };
  if (lower.startsWith("iommu")) return { column: "IOMMU", instance: name };
  return { column: RESERVED.has(name) ? `${name} (notifier)` : name, instance: name };
};

/** The actor columns that are always shown (rule 2). */
const ALWAYS: ReadonlySet<string> = new Set<string>(["VFIO", "IOMMU", "KVM", "VDCM", CORE_COLUMN, REF_COLUMN]);

/** Rule 2: the columns a table shows, in order. */
export const shownColumns = (t: Timeline): readonly string[] => t.columns.filter((c) => ALWAYS.has(c) || t.rows.some((r) => r.column === c));

/** Every column for a set of used actor columns: fixed ones, then the others in first-use order. */
export const allColumns = (usedActors: readonly string[]): readonly string[] => {
  const fixed: readonly string[] = ACTOR_COLUMNS;
  const extra = usedActors.filter((c, i) => !RESERVED.has(c) && usedActors.indexOf(c) === i);
  return [...fixed, ...extra, CORE_COLUMN, REF_COLUMN];
};

/** Rule 3. */
export const cellText = (r: TimelineRow, column: string): string => {
  if (column === REF_COLUMN) return r.refText;
  if (column === CORE_COLUMN) return r.column === CORE_COLUMN ? [r.text, r.effect].filter((s) => s !== "").join(": ") : r.effect;
  return r.column === column ? r.text : "";
};
