/**
 * Rendering a stored trace the way the design document draws a life cycle: a step table, a
 * Mermaid sequence diagram, or the same content as JSON.
 *
 * Rules:
 *  1. Every format is computed from one Timeline (timeline.ts), replayed on the spec.
 *  2. `showTrace(trace, "json")` is the JSON pretty-printed with two spaces.
 */
import type { Trace } from "../trace.js";
import { buildTimeline } from "./timeline.js";
import { renderTable } from "./table.js";
import { renderMermaid } from "./mermaid.js";
import { renderJson } from "./json.js";

export { buildTimeline } from "./timeline.js";
export type { Actor, RefView, RowKind, Timeline, TimelineRow, TimelineStep, TimelineViolation } from "./types.js";
export { ACTOR_COLUMNS, CORE_COLUMN, REF_COLUMN } from "./types.js";
export { renderTable, violationText } from "./table.js";
export type { TableOptions } from "./table.js";
export { renderMermaid, mermaidText } from "./mermaid.js";
export { renderJson } from "./json.js";
export type { RowJson, TimelineJson } from "./json.js";
export { shownColumns, notifierActor } from "./columns.js";

/** The output formats. */
export type ShowFormat = "table" | "mermaid" | "json";

/** Options of showTrace: ANSI colour for the table. */
export interface ShowOptions {
  readonly color?: boolean;
}

/** A trace in one format (rules 1 and 2). */
export const showTrace = (trace: Trace, format: ShowFormat, opts: ShowOptions = {}): string => {
  const t = buildTimeline(trace);
  switch (format) {
    case "table": return renderTable(t, { color: opts.color ?? false });
    case "mermaid": return renderMermaid(t);
    case "json": return JSON.stringify(renderJson(t), null, 2);
  }
};
