/**
 * Exploring a core under test: the same breadth-first search over the spec's states as
 * spec-explore.ts, but every command of the alphabet (moves and probes) in every state is run
 * on the core and checked by the core suite's step checker (properties/core/check-step.ts).
 *
 * Rules:
 *  1. States are the spec's, following the core's own allocation choices, and are visited once
 *     each (canonical.ts), with one refinement, the teardown history (teardown.ts): the core's
 *     hidden state is not part of the spec state, and teardown is where it hides (what a
 *     destroyed set, a reclaimed ID or a dropped registration leaves behind or takes with it),
 *     so a world torn back down to an earlier state is explored again rather than merged with
 *     the fresh one. Otherwise two paths to one state are explored through the first only.
 *  2. The core is driven by replaying a state's path on a fresh core. A command the spec says
 *     changed nothing (a refusal, a read, a write of what was already there) leaves the core
 *     where it was (api/core.ts rule 1), so the next command of the same state runs on the same
 *     core without a new replay.
 *  3. Every checked command that fails (a Divergence, or any throw) is a counterexample; being
 *     breadth-first, the first one found is a shortest one of the scope. One found on a reused
 *     core is confirmed on a fresh replay of its own path; if it does not show there, the
 *     commands the core ran since its replay changed its hidden state: the first of them that
 *     alone shows the failure is reported before the failing command, else all of them.
 *  4. `onFailure` may decline a counterexample (to look for one of a given class): the search
 *     then goes on without expanding that command.
 *  5. Notifier reactions are decided at the first delivery (lazy-reactions.ts): a branch that
 *     decides one is checked on a core replayed with the decided reactions.
 *  6. Fault injection (D32): when the core offers `failNth`, every unarmed state also has the
 *     letter `fail_nth 1` (the first allocation of the next call fails), which leads to the same
 *     spec state armed: a state of its own (the arming is part of the key), whose every command
 *     runs armed on a core freshly replayed (the arming ends with one call, so an armed state's
 *     core is never reused), and leads back to unarmed states. n = 1 only: the first allocation
 *     is the one every allocating call makes, and the scope stays twice the size at most.
 */
import { isDeepStrictEqual } from "node:util";
import type { Command } from "../api/commands.js";
import type { IoasidCore } from "../api/core.js";
import type { Outcome } from "../api/outcome.js";
import { CoreDriver } from "../properties/core/driver.js";
import { checkedStep, Divergence } from "../properties/core/check-step.js";
import type { Model } from "../properties/core/model.js";
import type { World } from "../spec/world.js";
import { initialWorld } from "../spec/world.js";
import type { Teardown } from "./teardown.js";
import { NO_TEARDOWN, teardownAfter, teardownCodes } from "./teardown.js";
import type { Scope } from "./scope.js";
import { Alphabet } from "./alphabet.js";
import { fingerprint } from "./canonical.js";
import { FingerprintSet } from "./fingerprints.js";
import type { ExploreCounterexample, ExploreResult, StoppedBy } from "./result.js";
import type { ExploreLimits } from "./limits.js";
import { DEFAULT_MAX_STATES, Progress } from "./limits.js";
import type { Decisions, PathLink } from "./lazy-reactions.js";
import { branchesOf, concreteCommands, decisionsAfter, extend, hasUndecided, NO_DECISIONS, settle, withDecided } from "./lazy-reactions.js";
import { sameWorld } from "./spec-explore.js";

/** Rule 2: do two worlds hold the same values (a write of what was already there)? */
const equalWorlds = (a: World, b: World): boolean =>
  isDeepStrictEqual(a.core, b.core) && isDeepStrictEqual(a.env.work, b.env.work) && isDeepStrictEqual(a.env.reactions, b.env.reactions);

/** Rule 6: the letter that arms the next call. */
const ARM = { op: "fail_nth", n: 1 } as const satisfies Command;

/** The codes beside the world in a state's key: the arming (rule 6), then the teardown history (rule 1). */
const keyCodes = (fault: number, t: Teardown, w: World): readonly number[] => [fault, ...teardownCodes(t, w)];

/** A core to explore: its name in reports and its factory. */
export interface CoreTarget {
  readonly name: string;
  readonly make: (config: { readonly capacity: number }) => IoasidCore;
}

/** A failure found, before it is accepted (rule 4). */
export interface FoundFailure {
  readonly commands: readonly Command[];
  readonly kind: string;
  readonly detail: string;
  readonly expected: Outcome | null;
  readonly actual: Outcome | null;
}

/** Options beyond the limits. */
export interface CoreExploreOptions extends ExploreLimits {
  /** The failure class text of a failure (stored in the result), or null. */
  readonly classify?: (f: FoundFailure) => string | null;
  /** Rule 4: false declines the failure and the search goes on. Default: accept. */
  readonly onFailure?: (f: FoundFailure) => boolean;
}

interface Node {
  /** The node's key (fingerprints.ts), to tell a step that changed nothing (rule 2). */
  readonly hi: number;
  readonly lo: number;
  readonly model: Model;
  readonly path: PathLink | null;
  readonly decisions: Decisions;
  readonly teardown: Teardown;
}

const describe = (e: unknown): { readonly kind: string; readonly detail: string; readonly expected: Outcome | null; readonly actual: Outcome | null } =>
  e instanceof Divergence
    ? { kind: e.kind, detail: e.detail, expected: e.expected ?? null, actual: e.actual ?? null }
    : { kind: "error", detail: e instanceof Error ? e.message : String(e), expected: null, actual: null };

/** Explore `target` over `scope` (rules 1 to 5). */
export const exploreCore = (target: CoreTarget, scope: Scope, opts: CoreExploreOptions): ExploreResult => {
  const progress = new Progress({ maxStates: DEFAULT_MAX_STATES, ...opts });
  const alphabet = new Alphabet(scope);
  const lazy = alphabet.reactions.length > 1;
  const recent = Array.from({ length: scope.ids }, (_, i) => i + 1);
  const config = { capacity: scope.capacity };
  const world0 = initialWorld(config);
  const visited = new FingerprintSet();
  const fp = { hi: 0, lo: 0 };
  fingerprint(world0, fp, keyCodes(0, NO_TEARDOWN, world0));
  visited.add(fp.hi, fp.lo);
  const root: Node = { hi: fp.hi, lo: fp.lo, model: { world: world0, recent, fault: 0 }, path: null, decisions: NO_DECISIONS, teardown: NO_TEARDOWN };
  const armable = typeof target.make(config).failNth === "function";
  const replay = (cmds: readonly Command[]): CoreDriver => {
    const driver = new CoreDriver(target.make(config));
    for (const c of cmds) driver.run(c);
    driver.allocators.ledger.absorb(); // the prefix is not checked here (allocator-ledger.ts rule 6)
    return driver;
  };
  /** Run `cmds` on a fresh core, checking the last one; the failure or null. */
  const confirm = (model: Model, cmds: readonly Command[], last: Command): ReturnType<typeof describe> | null => {
    try {
      checkedStep(model, replay(cmds), last);
      return null;
    } catch (e) {
      return describe(e);
    }
  };
  let frontier: Node[] = [root];
  let stoppedBy: StoppedBy = "depth";
  let depth = 0;
  let counterexample: ExploreCounterexample | null = null;
  const found = (f: FoundFailure): boolean => {
    if (opts.onFailure !== undefined && !opts.onFailure(f)) return false;
    counterexample = { ...f, class: opts.classify?.(f) ?? null };
    return true;
  };
  search: for (let d = 1; d <= opts.maxDepth; d++) {
    const next: Node[] = [];
    for (const node of frontier) {
      const out = progress.outOfBudget(visited.size);
      if (out !== null) {
        stoppedBy = out;
        break search;
      }
      const prefix = concreteCommands(node.path, node.decisions);
      const undecided = lazy && hasUndecided(node.model.world);
      const armed = node.model.fault !== 0;
      let reusable: CoreDriver | null = null;
      let ran: Command[] = [];
      if (armable && !armed) {
        // Rule 6: the armed twin of this state.
        progress.transitions++;
        fingerprint(node.model.world, fp, keyCodes(ARM.n, node.teardown, node.model.world));
        if (visited.add(fp.hi, fp.lo)) {
          next.push({
            hi: fp.hi, lo: fp.lo, teardown: node.teardown,
            model: { ...node.model, fault: ARM.n },
            path: extend(node.path, ARM),
            decisions: decisionsAfter(node.decisions, d - 1, ARM, true, []),
          });
        }
      }
      for (const cmd of alphabet.commandsIn(node.model.world.core)) {
        for (const b of undecided ? branchesOf(node.model.world, cmd, alphabet.reactions) : [{ before: node.model.world, decided: [] }]) {
          progress.transitions++;
          const decisions = withDecided(node.decisions, b.decided);
          const fresh = b.decided.length > 0 || armed;
          const cmds = fresh ? concreteCommands(node.path, decisions) : prefix;
          let driver: CoreDriver;
          if (fresh || reusable === null) {
            driver = replay(cmds);
            reusable = fresh ? null : driver;
            if (!fresh) ran = [];
          } else driver = reusable;
          const model = { world: b.before, recent, fault: node.model.fault };
          let step: ReturnType<typeof checkedStep>;
          try {
            step = checkedStep(model, driver, cmd);
          } catch (e) {
            reusable = null;
            let failure = describe(e);
            let commands = [...cmds, cmd];
            if (!fresh && ran.length > 0 && confirm(model, cmds, cmd) === null) {
              const one = ran.find((r) => confirm(model, [...cmds, r], cmd) !== null);
              commands = one === undefined ? [...cmds, ...ran, cmd] : [...cmds, one, cmd];
              failure = { ...failure, detail: `${failure.detail} (after ${one === undefined ? "commands" : "a command"} that changed the core's hidden state)` };
            }
            if (found({ commands, ...failure })) {
              stoppedBy = "counterexample";
              break search;
            }
            continue;
          }
          const settled = settle(b.before, step.model.world, step.outcome);
          const teardown = sameWorld(b.before, settled.world) ? node.teardown : teardownAfter(node.teardown, b.before, settled.world);
          if (teardown === node.teardown && !fresh) {
            if (sameWorld(b.before, settled.world)) {
              ran.push(cmd);
              continue;
            }
            fingerprint(settled.world, fp, keyCodes(0, teardown, settled.world));
            if (fp.hi === node.hi && fp.lo === node.lo && equalWorlds(b.before, settled.world)) {
              ran.push(cmd);
              continue;
            }
          } else fingerprint(settled.world, fp, keyCodes(0, teardown, settled.world));
          if (!fresh) reusable = null;
          if (!visited.add(fp.hi, fp.lo)) continue;
          next.push({
            hi: fp.hi, lo: fp.lo, teardown,
            model: { world: settled.world, recent, fault: 0 },
            path: extend(node.path, cmd),
            decisions: decisionsAfter(node.decisions, d - 1, cmd, step.outcome.result.ok, [...b.decided, ...settled.settled]),
          });
        }
      }
    }
    progress.level(d, next.length, visited.size);
    depth = d;
    if (next.length === 0) {
      stoppedBy = "exhausted";
      break;
    }
    frontier = next;
  }
  const ms = progress.ms;
  return {
    target: target.name, scope, maxDepth: opts.maxDepth, depth, distinctStates: visited.size, transitions: progress.transitions, ms, cpuMs: progress.cpuMs,
    statesPerSecond: ms > 0 ? (visited.size * 1000) / ms : 0, stoppedBy, levels: progress.levels, unexplored: alphabet.unexplored, counterexample,
  };
};
