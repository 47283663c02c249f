/**
 * Exploring the spec alone: breadth-first over every command sequence of a scope, each spec
 * state visited once (canonical.ts), every new state checked against the spec's invariants.
 *
 * Rules:
 *  1. The spec is pure and immutable: a state is the world value itself, and a command that
 *     leaves the world unchanged (a refusal, a read, an empty run_work) is a self-loop, known
 *     without building a key. Probes (alphabet.ts rule 2) are such self-loops by the spec's
 *     decisions, so only moves are tried.
 *  2. Choices are the spec's canonical ones (the lowest free ID, a fresh handle): this explores
 *     the spec's own reachable space, not every implementation's.
 *  3. Reactions are decided at the first delivery (lazy-reactions.ts); a state with no
 *     undecided notifier steps each command once, without branching.
 *  4. A state whose invariants do not all hold is a counterexample of kind "invariant"; being
 *     breadth-first, the first one found is a shortest one. Only states whose invariants all
 *     hold are expanded, so a new state is checked incrementally from its parent's
 *     (spec/invariants.ts `violatedInvariantsAfter`); the root is checked in full.
 */
import type { Command } from "../api/commands.js";
import type { World } from "../spec/world.js";
import { initialWorld, worldStep } from "../spec/world.js";
import { violatedInvariants, violatedInvariantsAfter } from "../spec/invariants.js";
import type { Scope } from "./scope.js";
import { Alphabet } from "./alphabet.js";
import { fingerprint } from "./canonical.js";
import { FingerprintSet } from "./fingerprints.js";
import type { ExploreCounterexample, ExploreResult, StoppedBy } from "./result.js";
import type { ExploreLimits } from "./limits.js";
import { DEFAULT_MAX_STATES, Progress } from "./limits.js";
import type { Branch, Decisions, PathLink } from "./lazy-reactions.js";
import { branchesOf, concreteCommands, decisionsAfter, extend, hasUndecided, NO_DECISIONS } from "./lazy-reactions.js";

interface Node {
  readonly world: World;
  readonly path: PathLink | null;
  readonly decisions: Decisions;
}

const NONE: Branch["decided"] = [];

/** Rule 1: did a step leave the world as it was? */
export const sameWorld = (a: World, b: World): boolean =>
  a === b || (a.core === b.core && a.env.work === b.env.work && a.env.reactions === b.env.reactions);

/** Explore the spec's reachable space of `scope` (rules 1 to 4). */
export const exploreSpec = (scope: Scope, limits: ExploreLimits): ExploreResult => {
  const progress = new Progress({ maxStates: DEFAULT_MAX_STATES, ...limits });
  const alphabet = new Alphabet(scope);
  const root = initialWorld({ capacity: scope.capacity });
  const rootBroken = violatedInvariants(root.core);
  if (rootBroken.length > 0) throw new Error(`the spec's initial state breaks invariants: ${rootBroken.join(", ")}`);
  const visited = new FingerprintSet();
  const fp = { hi: 0, lo: 0 };
  fingerprint(root, fp);
  visited.add(fp.hi, fp.lo);
  let frontier: Node[] = [{ world: root, path: null, decisions: NO_DECISIONS }];
  let stoppedBy: StoppedBy = "depth";
  let depth = 0;
  let counterexample: ExploreCounterexample | null = null;
  search: for (let d = 1; d <= limits.maxDepth; d++) {
    const next: Node[] = [];
    /** A step's world: a new state is checked and kept; true when it breaks an invariant. */
    const visit = (node: Node, before: World, world: World, cmd: Command, ok: boolean, decided: Branch["decided"]): boolean => {
      progress.transitions++;
      if (sameWorld(before, world)) return false;
      fingerprint(world, fp);
      if (!visited.add(fp.hi, fp.lo)) return false;
      const path = extend(node.path, cmd);
      const decisions = decisionsAfter(node.decisions, d - 1, cmd, ok, decided);
      const broken = violatedInvariantsAfter(node.world.core, world.core); // node's state held every invariant (rule 4)
      if (broken.length === 0) {
        next.push({ world, path, decisions });
        return false;
      }
      counterexample = { commands: concreteCommands(path, decisions), kind: "invariant", detail: `spec invariants broken: ${broken.join(", ")}`, class: null, expected: null, actual: null };
      return true;
    };
    for (const [i, node] of frontier.entries()) {
      if ((i & 255) === 0) {
        const out = progress.outOfBudget(visited.size);
        if (out !== null) {
          stoppedBy = out;
          break search;
        }
      }
      const undecided = hasUndecided(node.world);
      for (const cmd of alphabet.movesIn(node.world.core)) {
        if (!undecided) {
          const { world, outcome } = worldStep(node.world, cmd);
          if (visit(node, node.world, world, cmd, outcome.result.ok, NONE)) break search;
          continue;
        }
        for (const b of branchesOf(node.world, cmd, alphabet.reactions)) {
          if (visit(node, b.before, b.world, cmd, b.outcome.result.ok, b.decided)) break search;
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
  if (counterexample !== null) stoppedBy = "counterexample";
  const ms = progress.ms;
  return {
    target: "spec", scope, maxDepth: limits.maxDepth, depth, distinctStates: visited.size, transitions: progress.transitions, ms, cpuMs: progress.cpuMs,
    statesPerSecond: ms > 0 ? (visited.size * 1000) / ms : 0, stoppedBy, levels: progress.levels, unexplored: alphabet.unexplored, counterexample,
  };
};
