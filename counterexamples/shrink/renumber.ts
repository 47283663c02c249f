/**
 * Argument minimization: smaller, more ordinary arguments that keep the failure class.
 *
 * Rules:
 *  1. The edits come from core-edits.ts or system-edits.ts, regenerated from the current trace
 *     at the start of every pass; within a group the first candidate that keeps the class wins.
 *  2. A change is kept only if the replay keeps the failure class; the kept trace is
 *     materialized (materialize.ts), so its values are the ones returned.
 *  3. Passes repeat until one keeps nothing (at most `maxPasses`). The order is fixed, so the
 *     result is deterministic.
 *  4. The same greedy passes make the replacements by simpler kinds (kind-edits.ts,
 *     system-kinds.ts) and drop a quota raise made needless by the default quota
 *     (system-quota.ts); only these system edits change the number of commands (system traces
 *     record no values, so nothing is misaligned).
 */
import type { CoreTrace, SystemTrace, Trace } from "../trace.js";
import type { Oracle } from "./oracle.js";
import type { EditGroup } from "./edits.js";
import type { SystemCommand } from "../../hw-model/system/commands.js";
import { coreEditGroups } from "./core-edits.js";
import { systemEditGroups } from "./system-edits.js";
import { kindEditGroups } from "./kind-edits.js";
import { systemKindGroups } from "./system-kinds.js";
import { systemQuotaGroups } from "./system-quota.js";
import { materialize } from "./materialize.js";
import { keepsClass } from "./failure-class.js";

/** Rules 1 to 3 for one command type. */
const greedy = <T extends Trace, C>(
  start: T,
  cmdsOf: (t: T) => readonly C[],
  withCmds: (t: T, cmds: readonly C[]) => T,
  again: (t: Trace) => T | null,
  groupsOf: (cmds: readonly C[], values: readonly (number | null)[]) => readonly EditGroup<C>[],
  oracle: Oracle,
  maxPasses: number,
): T => {
  let cur = start;
  for (let pass = 0; pass < maxPasses; pass++) {
    let kept = false;
    for (const group of groupsOf(cmdsOf(cur), cur.values)) {
      for (const attempt of group) {
        const cmds = attempt(cmdsOf(cur), cur.values);
        if (cmds === null) continue;
        const cand = withCmds(cur, cmds);
        const r = oracle.run(cand);
        if (!keepsClass(oracle.cls, r)) continue;
        const next = again(materialize(cand, r));
        if (next === null) continue;
        cur = next;
        kept = true;
        break;
      }
    }
    if (!kept) break;
  }
  return cur;
};

/** A system trace's simpler stories: the guest's told as a native process's, then a quota raise made needless. */
const systemStoryGroups = (cmds: readonly SystemCommand[]): readonly EditGroup<SystemCommand>[] => [...systemKindGroups(cmds), ...systemQuotaGroups(cmds)];

const asCore = (t: Trace): CoreTrace | null => (t.suite === "core" ? t : null);
const asSystem = (t: Trace): SystemTrace | null => (t.suite === "system" ? t : null);

/** Renumber a trace that keeps the oracle's class. */
export const renumberTrace = (t: Trace, oracle: Oracle, maxPasses = 8): Trace =>
  t.suite === "core"
    ? greedy(t, (x) => x.commands, (x, commands) => ({ ...x, commands }), asCore, coreEditGroups, oracle, maxPasses)
    : greedy(t, (x) => x.commands, (x, commands) => ({ ...x, commands, values: commands.map(() => null) }), asSystem, systemEditGroups, oracle, maxPasses);

/** Rule 4: replace commands by simpler kinds (and handlers by simpler ones) while the class is kept. */
export const simplifyKinds = (t: Trace, oracle: Oracle, maxPasses = 4): Trace =>
  t.suite === "core"
    ? greedy(t, (x) => x.commands, (x, commands) => ({ ...x, commands }), asCore, kindEditGroups, oracle, maxPasses)
    : greedy(t, (x) => x.commands, (x, commands) => ({ ...x, commands, values: commands.map(() => null) }), asSystem, systemStoryGroups, oracle, maxPasses);
