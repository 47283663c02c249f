/**
 * A trace as a Timeline (types.ts): replayed on the spec and laid out as the design document's
 * step tables.
 *
 * Rules:
 *  1. A core trace replays on the spec's world with the trace's recorded choices (core-replay.ts);
 *     a system trace on a System built on SpecCore with the trace's drivers (system-replay.ts).
 *     The recording implementation is not run: the table shows what the spec says happened,
 *     and the stored violation says where the implementation departed from it.
 *  2. Columns: VFIO, IOMMU, KVM, VDCM, guest, process, any notifier-named column (columns.ts),
 *     IOASID core, Ref. Who a core call is attributed to: core-replay.ts rule 3 (core traces),
 *     recording-core.ts and system-actors.ts (system traces).
 *  3. Nested events (core calls of a command, deliveries, handler and work calls, returns) are
 *     numbered sub-steps (assemble.ts).
 */
import type { Trace } from "../trace.js";
import type { Timeline } from "./types.js";
import { assemble } from "./assemble.js";
import { recordCore } from "./core-replay.js";
import { recordSystem } from "./system-replay.js";

export type { Actor, RefView, RowKind, Timeline, TimelineRow, TimelineStep, TimelineViolation } from "./types.js";
export { ACTOR_COLUMNS, CORE_COLUMN, REF_COLUMN } from "./types.js";

/** Rules 1 to 3. */
export const buildTimeline = (t: Trace): Timeline => assemble(t.suite === "core" ? recordCore(t) : recordSystem(t));
