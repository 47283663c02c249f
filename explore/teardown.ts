/**
 * The teardown history a core exploration adds to the spec state (core-explore.ts rule 1): what
 * the path tore down, which the spec forgets and a core under test may not.
 *
 * Rules:
 *  1. Three flags for the whole path: a set was destroyed, an ID was reclaimed, a registration
 *     was dropped (unregistered, or dropped with its set).
 *  2. Per ID number (they are not renamed): whether that number was ever reclaimed.
 *  3. Per registered notifier: whether it went back to pending after its MM set was destroyed
 *     (D24). A name that is unregistered loses its history; registering it again starts fresh.
 *  4. The codes are written in the canonical order of the world (notifiers in registration
 *     order), so two states that differ only in names still have one key.
 */
import type { World } from "../spec/world.js";

/** Rules 1 to 3. */
export interface Teardown {
  readonly flags: number;
  readonly reclaimed: number;
  readonly detached: ReadonlySet<string>;
}

export const NO_TEARDOWN: Teardown = { flags: 0, reclaimed: 0, detached: new Set() };

/** The history after a step from `before` to `after`. */
export const teardownAfter = (t: Teardown, before: World, after: World): Teardown => {
  let flags = t.flags;
  let reclaimed = t.reclaimed;
  for (const h of before.core.sets.keys()) if (!after.core.sets.has(h)) flags |= 1;
  for (const id of before.core.ids.keys()) {
    if (after.core.ids.has(id)) continue;
    flags |= 2;
    if (id < 31) reclaimed |= 1 << id;
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
  [t.flags, t.reclaimed, ...w.core.notifiers.map((n) => (t.detached.has(n.name) ? 1 : 0))];
