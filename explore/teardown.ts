/**
 * The teardown history a core exploration adds to the spec state (core-explore.ts rule 1): what
 * the path tore down, which the spec forgets and a core under test may not.
 *
 * Rules:
 *  1. Three flags for the whole path: a set was destroyed, an ID was reclaimed, a registration
 *     was dropped (unregistered, or dropped with its set).
 *  2. Per ID number (they are not renamed): what it carried when it was last reclaimed — an
 *     SPID, device binds, private data — or that it never was: the residue a core may keep.
 *  3. Per registered notifier: whether it went back to pending after its MM set was destroyed
 *     (D24). A name that is unregistered loses its history; registering it again starts fresh.
 *  4. The codes are written in the canonical order of the world (notifiers in registration
 *     order), so two states that differ only in names still have one key.
 */
import type { World } from "../spec/world.js";

/** Rules 1 to 3. */
export interface Teardown {
  readonly flags: number;
  /** Rule 2: by ID number, 0 never reclaimed, else 1 + 2 (had an SPID) + 4 (binds) + 8 (data). */
  readonly reclaimed: ReadonlyMap<number, number>;
  readonly detached: ReadonlySet<string>;
}

export const NO_TEARDOWN: Teardown = { flags: 0, reclaimed: new Map(), detached: new Set() };

/** The history after a step from `before` to `after`. */
export const teardownAfter = (t: Teardown, before: World, after: World): Teardown => {
  let flags = t.flags;
  let reclaimed = t.reclaimed;
  for (const h of before.core.sets.keys()) if (!after.core.sets.has(h)) flags |= 1;
  for (const r of before.core.ids.values()) {
    if (after.core.ids.has(r.id)) continue;
    flags |= 2;
    const residue = 1 + (r.spid === null ? 0 : 2) + (r.binds > 0 ? 4 : 0) + (r.data === null ? 0 : 8);
    if (reclaimed.get(r.id) !== residue) reclaimed = new Map(reclaimed).set(r.id, residue);
  }
  let detached = t.detached;
  const names = new Set(after.core.notifiers.map((n) => n.name));
  for (const n of before.core.notifiers) {
    if (!names.has(n.name)) {
      flags |= 4;
      if (detached.has(n.name)) {
        const next = new Set(detached);
        next.delete(n.name);
        detached = next;
      }
      continue;
    }
    const now = after.core.notifiers.find((x) => x.name === n.name);
    if (n.scope.kind === "mm" && n.scope.attached !== null && now?.scope.kind === "mm" && now.scope.attached === null && !detached.has(n.name)) {
      detached = new Set(detached).add(n.name);
    }
  }
  return flags === t.flags && reclaimed === t.reclaimed && detached === t.detached ? t : { flags, reclaimed, detached };
};

/** Rule 4: the codes to hash after the world's canonical key. */
export const teardownCodes = (t: Teardown, w: World): readonly number[] =>
  [t.flags, ...[...t.reclaimed].sort((a, b) => a[0] - b[0]).flat(), -1, ...w.core.notifiers.map((n) => (t.detached.has(n.name) ? 1 : 0))];
