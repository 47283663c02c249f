/**
 * Folding a replay's renaming into a trace: the commands exactly as they ran and the values the
 * implementation returned, so the trace replays the same without renaming and can be re-recorded.
 *
 * Rules:
 *  1. Core: the same renaming as replay.ts rule 2 (a recorded set handle or ID that came back as
 *     another number is renamed in every later command); values become the returned ones (null
 *     from the failing step on).
 *  2. System traces carry no renaming: they are returned unchanged.
 */
import type { Command } from "../../api/commands.js";
import type { ReplayResult } from "../replay.js";
import type { CoreTrace, Trace } from "../trace.js";

const renamed = (c: Command, ids: ReadonlyMap<number, number>, sets: ReadonlyMap<number, number>): Command => {
  let out: Command = c;
  if ("set" in out && typeof out.set === "number") out = { ...out, set: sets.get(out.set) ?? out.set };
  if ("id" in out) out = { ...out, id: ids.get(out.id) ?? out.id };
  return out;
};

/** Rule 1. */
export const materializeCore = (t: CoreTrace, r: ReplayResult): CoreTrace => {
  const ids = new Map<number, number>();
  const sets = new Map<number, number>();
  const commands = t.commands.map((recorded, i) => {
    const cmd = renamed(recorded, ids, sets);
    const v = r.values[i];
    const was = t.values[i];
    if (typeof v === "number" && typeof was === "number" && was !== v) (cmd.op === "alloc_set" ? sets : ids).set(was, v);
    return cmd;
  });
  return { ...t, commands, values: commands.map((_, i) => r.values[i] ?? null) };
};

/** Rule 1 and 2. */
export const materialize = (t: Trace, r: ReplayResult): Trace => (t.suite === "core" ? materializeCore(t, r) : t);
