/**
 * Readable one-line renderings of commands and outcomes, as a person would write the calls:
 * `alloc(set 1, 1..0xfffff)`, `-> ok 3`, `FREE 3 -> kvm`.
 */
import type { Command } from "../../api/commands.js";
import type { Outcome, TraceEvent } from "../../api/outcome.js";
import type { CallResult } from "../../api/result.js";

const hex = (n: number): string => (Number.isInteger(n) && n > 0xffff ? `0x${n.toString(16)}` : String(n));
const setName = (s: number | null): string => (s === null ? "any" : `set ${s}`);

/** A command as a call. */
export const formatCommand = (c: Command): string => {
  const args: string[] = [];
  for (const [k, v] of Object.entries(c)) {
    if (k === "op") continue;
    if (k === "set") args.push(setName(typeof v === "number" ? v : null));
    else if (k === "token" && typeof v === "object" && v !== null) args.push("mm" in v ? `mm ${String(v.mm)}` : `token ${String("value" in v ? v.value : "?")}`);
    else if (k === "reaction" && typeof v === "object" && v !== null) args.push(`reaction ${JSON.stringify(v)}`);
    else if (typeof v === "number") args.push(`${k} ${hex(v)}`);
    else args.push(`${k} ${JSON.stringify(v)}`);
  }
  return `${c.op}(${args.join(", ")})`;
};

/** A result as `ok <value>`, the errno, or `no errno (<why>: <warnings>)`. */
export const formatResult = (r: CallResult): string => {
  if (r.ok) return r.value === null ? "ok" : `ok ${JSON.stringify(r.value)}`;
  if (r.errno !== null) return r.errno;
  return `no errno (${r.via}${r.warnings.length === 0 ? "" : `: ${r.warnings.join("; ")}`})`;
};

/** One event. */
export const formatEvent = (e: TraceEvent): string =>
  e.kind === "deliver"
    ? `${e.delivery.event} ${hex(e.delivery.id)}${e.delivery.spid === null ? "" : ` (spid ${e.delivery.spid})`} of set ${e.delivery.set} -> ${e.delivery.notifier}`
    : `${e.notifier} ${e.context === "handler" ? "in handler" : "in work"}: ${e.call}(${hex(e.id)}) = ${formatResult(e.result)}`;

/** An outcome over several lines. */
export const formatOutcome = (o: Outcome): string =>
  [`-> ${formatResult(o.result)}`, ...o.events.map((e) => `   ${formatEvent(e)}`)].join("\n");
