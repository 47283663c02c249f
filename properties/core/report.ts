/**
 * Human-readable reports of a suite run: the failure (shrunk trace, first divergence, how to
 * replay it) and the coverage table (per command kind: ok and each errno reached).
 */
import type { CoreFailure, CoreSuiteReport } from "./suite.js";
import { formatCommand } from "./format.js";
import { COMMAND_KINDS } from "./arbitrary.js";
import { ALL_ERRNOS } from "../../api/errno.js";
import { FAULT_FEATURE } from "../../api/faults.js";
import { ALL_EVENTS } from "../../api/notification.js";

/** The failure as lines: the trace with the diverging step marked, the divergence, the replay. */
export const formatFailure = (f: CoreFailure, replayHint: string): string => {
  const width = String(f.commands.length).length;
  const lines = f.commands.map((c, i) => `${i === f.failedStep ? ">>" : "  "} ${String(i + 1).padStart(width)}. ${formatCommand(c)}`);
  return [
    `counterexample: ${f.commands.length} step${f.commands.length === 1 ? "" : "s"}, diverging at step ${f.failedStep + 1} (${f.divergence.kind})`,
    ...lines,
    "",
    ...f.divergence.detail.split("\n").map((l) => `   ${l}`),
    "",
    `replay: ${replayHint} --seed ${f.seed} --path "${f.path}"`,
  ].join("\n");
};

/** The coverage table: one row per command kind, one column per outcome; then handler and work calls. */
export const formatCoverage = (r: Pick<CoreSuiteReport, "coverage" | "missing"> & Partial<Pick<CoreSuiteReport, "unchecked">>): string => {
  const outcomes = ["ok", ...ALL_ERRNOS];
  const cell = (n: number) => String(n || "·").padStart(8);
  const head = ["command".padEnd(24), ...outcomes.map((o) => o.padStart(8))].join("");
  const rows = COMMAND_KINDS.map((k) => [k.padEnd(24), ...outcomes.map((o) => cell(r.coverage.count(`${k}:${o}`)))].join(""));
  const calls = (context: "handler" | "work") => r.coverage.entries()
    .filter(([k]) => k.startsWith(`${context}:`))
    .map(([k, n]) => `${k.slice(context.length + 1)} ${n}`).join(", ");
  const events = ALL_EVENTS.map((e) => `${e} ${r.coverage.count(`event:${e}`)}`).join(", ");
  return [
    head, ...rows,
    `events delivered: ${events}`,
    `calls in handlers: ${calls("handler") || "none"}`,
    `calls in deferred work: ${calls("work") || "none"}`,
    r.missing.length === 0 ? "coverage gate: every listed case reached" : `coverage gate: NOT reached: ${r.missing.join(", ")}`,
    ...uncheckedLines(r.unchecked ?? []),
  ].join("\n");
};

/**
 * What the suite could not check, as lines: the introspection parts the core does not offer, and
 * fault injection (D32) when it does not offer failNth.
 */
export const uncheckedLines = (unchecked: readonly string[]): readonly string[] => {
  const parts = unchecked.filter((u) => u !== FAULT_FEATURE);
  return [
    ...(parts.length === 0 ? [] : [`not checked (the core offers no ${parts.join(", ")}): that part of the state was not compared with the spec`]),
    ...(unchecked.includes(FAULT_FEATURE) ? [`fault injection: not checked (the core does not offer ${FAULT_FEATURE})`] : []),
  ];
};
