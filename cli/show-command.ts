/**
 * `ioasid-check show FILE`: render a trace as a table, a Mermaid sequence diagram, JSON, or a
 * self-contained HTML page (report/) with its swimlane timeline.
 *
 * Rules:
 *  1. The trace is first replayed on the core it names (rebuilt from the trace:
 *     cli/core-target.ts), or on the core of --impl, --exec or --kernel-c; the rendering shows
 *     the violation that replay finds now (none when it passes), so `show` of a finding on the
 *     fixed build shows it passing.
 *  2. The table ends with one line saying on which core it ran and what it showed; the other
 *     formats stay pure (JSON, Mermaid, HTML), that line going to stderr.
 */
import { readTrace } from "../counterexamples/store.js";
import { replayTrace } from "../counterexamples/replay.js";
import { showTrace } from "../counterexamples/show/index.js";
import { renderReport, traceReport } from "../report/index.js";
import { UsageError } from "./args.js";
import type { Request } from "./args.js";
import { coreForTrace, openOverride } from "./core-target.js";

type ShowRequest = Extract<Request, { kind: "show" }>;

export const showCommand = async (req: ShowRequest, print: (s: string) => void): Promise<number> => {
  const { file, format } = req;
  const stored = readTrace(file);
  const override = await openOverride(req.core);
  const core = await coreForTrace(stored, file, override, req.timeoutMs);
  let trace = stored;
  let line: string;
  try {
    const r = replayTrace(stored, core.make);
    if (r.kind === "input") throw new UsageError(`${file}: ${r.detail}`);
    trace = { ...stored, violation: r.status === "fail" ? { step: r.step, kind: r.kind, detail: r.detail } : null };
    const where = r.step >= stored.commands.length ? "at the teardown / leak check" : `at step ${r.step + 1}`;
    line = r.status === "fail" ? `on ${core.who}: fails ${where} (${r.kind})` : `on ${core.who}: passes`;
  } finally {
    core.close();
    override?.opened.close();
  }
  if (format === "html") print(renderReport(traceReport(file, trace)));
  else print(showTrace(trace, format, { color: format === "table" && process.stdout.isTTY === true }));
  if (format === "table") print(line);
  else process.stderr.write(`${line}\n`);
  return 0;
};
