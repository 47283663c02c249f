/**
 * The breadth-first search engine: shortest failing command sequences, level by level.
 *
 * Rules:
 *  1. A space gives its root, the state key of a node, its distinct next commands, and checks
 *     one more command after a node (a replay on the broken variant), giving a failure or the
 *     child node. It may also give a finer key: the state of the variant itself.
 *  2. Depth d checks every next command of every unpruned node of depth d - 1, in order, and
 *     stops at the first failure: no shorter failing sequence exists in the searched space.
 *  3. Pruning: a node whose state key was first seen at a shallower depth is pruned (its
 *     continuations were already searched from there). A node whose state key was first seen at
 *     the same depth (another order of the same commands, usually) is pruned only if the finer
 *     key also matches one expanded at that depth, so a variant whose hidden state depends on
 *     the order is still searched in every order it distinguishes. Pruned nodes were still
 *     checked when they were created.
 *  4. A failure the caller declines (`accept` returns false: another class than the one sought)
 *     does not stop the search; that command is not expanded.
 *  5. The search stops at `maxDepth`, or when a budget of checks or milliseconds runs out: then
 *     the answer is "none up to the last complete depth". At most `maxFrontier` children of one
 *     depth are kept (memory): past that, the next depth is still searched from the kept ones, but
 *     if none of them fails it does not count as complete.
 *  6. Keys are remembered by their SHA-1 digest, so the memory of a search does not grow with the
 *     size of a state's text.
 */
import { createHash } from "node:crypto";

/** What a search space provides (rule 1). */
export interface Space<C, N> {
  readonly root: N;
  commandsOf(n: N): readonly C[];
  /** The state key (asked before the next commands, so a pruned node costs little). */
  key(n: N): string;
  /** The finer key (rule 3), asked only when the state key was seen at the same depth. */
  refine?(n: N): string;
  next(n: N): readonly C[];
  check(n: N, c: C): { readonly failure: { readonly kind: string; readonly detail: string } | null; readonly child: N | null };
}

/** Limits of one search (rules 4 and 5). */
export interface SearchLimits {
  /** Rule 4: whether a failure ends the search (default: every one does). */
  readonly accept?: (failure: { readonly kind: string; readonly detail: string }, commands: readonly unknown[]) => boolean;
  readonly maxDepth: number;
  readonly maxChecks?: number;
  readonly maxMs?: number;
  /** Children kept per depth (rule 5); default 100 000. */
  readonly maxFrontier?: number;
}

/** One completed depth: states expanded there, and checks and time so far. */
export interface Level {
  readonly depth: number;
  readonly expanded: number;
  readonly checked: number;
  readonly ms: number;
}

/** The answer. */
export interface SearchResult<C> {
  /** The shortest failing sequence found, or null. */
  readonly found: { readonly commands: readonly C[]; readonly kind: string; readonly detail: string } | null;
  /** Depths searched completely (the found length minus one when found). */
  readonly complete: number;
  readonly stoppedBy: "found" | "depth" | "budget" | "frontier";
  readonly expanded: number;
  readonly pruned: number;
  readonly checked: number;
  readonly ms: number;
  readonly levels: readonly Level[];
}

interface Seen<N> {
  readonly depth: number;
  readonly first: N;
  refined: Set<string> | null;
}

/** Rules 2 to 6. */
export const breadthFirst = <C, N>(space: Space<C, N>, limits: SearchLimits): SearchResult<C> => {
  const start = performance.now();
  const seen = new Map<string, Seen<N>>();
  const levels: Level[] = [];
  let expanded = 0;
  let pruned = 0;
  let checked = 0;
  let frontier: readonly N[] = [space.root];
  const result = (found: SearchResult<C>["found"], complete: number, stoppedBy: SearchResult<C>["stoppedBy"]): SearchResult<C> =>
    ({ found, complete, stoppedBy, expanded, pruned, checked, ms: performance.now() - start, levels });
  const outOfBudget = () =>
    (limits.maxChecks !== undefined && checked >= limits.maxChecks) || (limits.maxMs !== undefined && performance.now() - start > limits.maxMs);
  /** Rule 6. */
  const digest = (text: string): string => createHash("sha1").update(text).digest("base64");
  /** Rule 3: expand this node of depth `depth - 1`? */
  const fresh = (node: N, depth: number): boolean => {
    const key = digest(space.key(node));
    const at = seen.get(key);
    if (at === undefined) {
      seen.set(key, { depth, first: node, refined: null });
      return true;
    }
    if (at.depth < depth || space.refine === undefined) return false;
    at.refined ??= new Set([digest(space.refine(at.first))]);
    const fine = digest(space.refine(node));
    if (at.refined.has(fine)) return false;
    at.refined.add(fine);
    return true;
  };
  const maxFrontier = limits.maxFrontier ?? 100_000;
  let truncated = false;
  for (let depth = 1; depth <= limits.maxDepth; depth++) {
    const next: N[] = [];
    let dropped = false;
    let here = 0;
    for (const node of frontier) {
      if (!fresh(node, depth)) {
        pruned++;
        continue;
      }
      expanded++;
      here++;
      for (const c of space.next(node)) {
        if (outOfBudget()) return result(null, depth - 1, "budget");
        checked++;
        const r = space.check(node, c);
        if (r.failure !== null) {
          const commands = [...space.commandsOf(node), c];
          if (limits.accept === undefined || limits.accept(r.failure, commands)) return result({ commands, ...r.failure }, depth - 1, "found");
          continue;
        }
        if (r.child === null) continue;
        if (next.length < maxFrontier) next.push(r.child);
        else dropped = true;
      }
    }
    if (truncated) return result(null, depth - 1, "frontier");
    truncated = dropped;
    levels.push({ depth, expanded: here, checked, ms: performance.now() - start });
    frontier = next;
  }
  return result(null, limits.maxDepth, "depth");
};

/** Distinct values by their JSON text, first occurrence first. */
export const distinct = <C>(xs: readonly (C | null)[]): readonly C[] => {
  const seen = new Set<string>();
  const out: C[] = [];
  for (const x of xs) {
    if (x === null) continue;
    const k = JSON.stringify(x);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(x);
  }
  return out;
};
