/**
 * The breadth-first search engine: shortest command sequences, level by level.
 *
 * Rules:
 *  1. A space gives its root, the key of a node's state and the distinct next commands there,
 *     and checks one more command after a node (a replay on the broken variant) giving a
 *     failure or the child node.
 *  2. Depth d checks every next command of every unpruned node of depth d - 1, in order, and
 *     stops at the first failure: no shorter failing sequence exists in the space.
 *  3. A node whose state key was already expanded (at this depth or a shallower one) is pruned;
 *     its commands were still checked when it was created.
 *  4. The search stops at `maxDepth`, or when a budget of checks or milliseconds runs out (then
 *     the answer is "none up to the last complete depth").
 */

/** What a search space provides (rule 1). */
export interface Space<C, N> {
  readonly root: N;
  commandsOf(n: N): readonly C[];
  expand(n: N): { readonly key: string; readonly next: readonly C[] };
  check(n: N, c: C): { readonly failure: { readonly kind: string; readonly detail: string } | null; readonly child: N | null };
}

/** Limits of one search (rule 4). */
export interface SearchLimits {
  readonly maxDepth: number;
  readonly maxChecks?: number;
  readonly maxMs?: number;
}

/** The answer. */
export interface SearchResult<C> {
  /** The shortest failing sequence found, or null. */
  readonly found: { readonly commands: readonly C[]; readonly kind: string; readonly detail: string } | null;
  /** Depths searched completely (the found length minus one when found). */
  readonly complete: number;
  readonly stoppedBy: "found" | "depth" | "budget";
  readonly expanded: number;
  readonly pruned: number;
  readonly checked: number;
  readonly ms: number;
}

/** Rules 2 to 4. */
export const breadthFirst = <C, N>(space: Space<C, N>, limits: SearchLimits): SearchResult<C> => {
  const start = performance.now();
  const seen = new Set<string>();
  let expanded = 0;
  let pruned = 0;
  let checked = 0;
  let frontier: readonly N[] = [space.root];
  const result = (found: SearchResult<C>["found"], complete: number, stoppedBy: SearchResult<C>["stoppedBy"]): SearchResult<C> =>
    ({ found, complete, stoppedBy, expanded, pruned, checked, ms: performance.now() - start });
  for (let depth = 1; depth <= limits.maxDepth; depth++) {
    const next: N[] = [];
    for (const node of frontier) {
      const { key, next: cmds } = space.expand(node);
      if (seen.has(key)) {
        pruned++;
        continue;
      }
      seen.add(key);
      expanded++;
      for (const c of cmds) {
        if ((limits.maxChecks !== undefined && checked >= limits.maxChecks) || (limits.maxMs !== undefined && performance.now() - start > limits.maxMs)) {
          return result(null, depth - 1, "budget");
        }
        checked++;
        const r = space.check(node, c);
        if (r.failure !== null) return result({ commands: [...space.commandsOf(node), c], ...r.failure }, depth - 1, "found");
        if (r.child !== null) next.push(r.child);
      }
    }
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
