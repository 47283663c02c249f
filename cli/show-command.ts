/**
 * `ioasid-check show FILE`: render a trace as a table, a Mermaid sequence diagram, JSON, or a
 * self-contained HTML page (report/) with its swimlane timeline.
 */
import { readTrace } from "../counterexamples/store.js";
import { showTrace } from "../counterexamples/show/index.js";
import { renderReport, traceReport } from "../report/index.js";

export const showCommand = (file: string, format: "table" | "mermaid" | "json" | "html", print: (s: string) => void): number => {
  const trace = readTrace(file);
  if (format === "html") print(renderReport(traceReport(file, trace)));
  else print(showTrace(trace, format, { color: format === "table" && process.stdout.isTTY === true }));
  return 0;
};
