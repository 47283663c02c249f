/**
 * Shrinking a failing trace: delta debugging over its commands, then smaller arguments, repeated
 * until neither changes anything, keeping the failure class of the original replay.
 *
 * Rules:
 *  1. A trace whose replay does not fail (or cannot run: an unknown implementation) is refused
 *     with the reason; nothing else is ever thrown for a decodable trace.
 *  2. A round: ddmin (ddmin.ts), removal of steps with their dependents (dependents.ts),
 *     replacements by simpler kinds and handlers (kind-edits.ts, system-kinds.ts), then smaller
 *     arguments (renumber.ts). Rounds repeat until one leaves the trace unchanged, at most
 *     `maxRounds` times. Every change keeps the failure class (failure-class.ts): the command
 *     kind and the differing part of the failing step, or the property and its subject.
 *  3. The result is re-recorded with record.ts from the same provenance (its note says from how
 *     many steps it was shrunk), so its values and violation come from a fresh replay; it fails
 *     with the same kind as the original.
 *  4. `replays` counts every replay made, the first one included.
 */
import type { Trace } from "../trace.js";
import { capacityOf } from "../trace.js";
import { replayTrace } from "../replay.js";
import { coreTrace, systemTrace } from "../record.js";
import type { Provenance } from "../record.js";
import type { CoreFactory } from "../implementations.js";
import { classText, failureClassOf, whyNoClass } from "./failure-class.js";
import { Oracle } from "./oracle.js";
import { ddminTrace } from "./ddmin.js";
import { renumberTrace, simplifyKinds } from "./renumber.js";
import { removeDependents } from "./dependents.js";
import { materialize } from "./materialize.js";

/** A shrunk trace, or why the trace was refused. */
export type ShrinkResult =
  | {
      readonly ok: true; readonly trace: Trace; readonly kind: string; readonly failureClass: string;
      readonly before: number; readonly after: number; readonly replays: number;
    }
  | { readonly ok: false; readonly error: string; readonly replays: number };

/** Options (defaults suit every stored trace). */
export interface ShrinkOptions {
  readonly maxRounds?: number;
  /** The core to replay on instead of the trace's own (replay.ts rule 4); a user's core needs it. */
  readonly core?: CoreFactory;
}

const sameCommands = (a: Trace, b: Trace): boolean => JSON.stringify(a.commands) === JSON.stringify(b.commands);

/** Rule 3. */
const rerecord = (t: Trace, before: number, on: CoreFactory | undefined): Trace => {
  const note = `${t.note}${t.note === "" ? "" : " "}(shrunk from ${before} to ${t.commands.length} steps)`;
  const p: Provenance = { implementation: t.implementation, seed: t.seed, path: t.path, expect: t.expect, note, ...(t.core === undefined ? {} : { core: t.core }) };
  return t.suite === "core" ? coreTrace(p, t.capacity, t.commands, on) : systemTrace(p, t.commands, on, capacityOf(t));
};

/** Rules 1 to 4. */
export const shrinkTrace = (trace: Trace, opts: ShrinkOptions = {}): ShrinkResult => {
  const first = replayTrace(trace, opts.core);
  const cls = failureClassOf(first);
  if (cls === null) return { ok: false, error: `cannot shrink: ${whyNoClass(first, trace.commands.length)}`, replays: 1 };
  const oracle = new Oracle(cls, opts.core);
  let cur = materialize(trace, first);
  for (let round = 0; round < (opts.maxRounds ?? 6); round++) {
    const next = renumberTrace(simplifyKinds(removeDependents(ddminTrace(cur, oracle), oracle), oracle), oracle);
    const done = sameCommands(next, cur);
    cur = next;
    if (done) break;
  }
  const out = rerecord(cur, trace.commands.length, opts.core);
  if (!oracle.keeps(out)) {
    return { ok: false, error: `internal: the shrunk trace fails with ${out.violation?.kind ?? "nothing"}, not the class ${classText(cls)}`, replays: oracle.replays + 2 };
  }
  return { ok: true, trace: out, kind: cls.kind, failureClass: classText(cls), before: trace.commands.length, after: out.commands.length, replays: oracle.replays + 2 };
};
