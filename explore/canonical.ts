/**
 * The canonical form of a spec state: one key per class of states that differ only in the
 * names of things, so the exploration visits each class once (symmetry reduction).
 *
 * What is renamed, by first appearance in a traversal that never looks at the names themselves
 * (IDs ascending, then notifiers and work items in their order, then the remaining sets sorted
 * by their contents):
 *  1. set handles: the spec only compares them for equality (D2, D19); `nextSetHandle`, only the
 *     canonical choice of a fresh handle, is left out;
 *  2. notifier names, and registration sequence numbers replaced by registration order: names
 *     are only compared for equality (D22), sequence numbers only ordered (D25);
 *  3. SPIDs, within their set: only compared for equality within one set (D13, D15);
 *  4. mm tokens, allocator names and functions keys, allocator group numbers (by order): only
 *     compared for equality (D17, D28), group numbers only ordered.
 * The alphabet offers every value of each of these (or one fresh representative where all
 * fresh values behave alike), so it is closed under the renaming, and every checked property
 * (outcomes, invariants, inspectId views) is preserved by it: two states with the same key
 * have the same futures up to renaming, and a violation reachable from one is reachable, as
 * soon, from the other.
 *
 * What is NOT renamed:
 *  5. ID numbers. The spec orders them: alloc's canonical choice is the lowest free ID (D6),
 *     for_each_ioasid lists and set_put frees in ascending order (D20, D21). {2} and {1} then
 *     differ: the next alloc lands below the live ID in one and above it in the other, and the
 *     FREE deliveries of a set_put come in another order. Renaming IDs would merge states with
 *     different futures, so the scope keeps them few (1..ids) instead.
 *  6. Private data, reactions (an UNDECIDED one is its own value, lazy-reactions.ts),
 *     priorities, quotas, reference and bind counts, ghost history.
 * Left out entirely: handler reactions of unregistered names (never consulted again), the
 * lock depth (0 between commands) and the configuration (constant in one exploration).
 *
 * Encoding: the key is a string of 16-bit codes, one per field, with counts before every list,
 * so it is injective without separators; texts (data, reactions, call lists, priorities) are
 * interned to numbers once per process. Scratch arrays are reused: the key is the hot path.
 */
import type { World } from "../spec/world.js";
import { finishFingerprint } from "./fingerprints.js";
import { callsCode, codes, hash, intern, put, reactionCode, startCodes } from "./codes.js";

/** The rename tables (rules 1 to 4), reused between calls. */
const setNames: number[] = [];
const notifierNames: string[] = [];
const mmNames: number[] = [];
const fnsNames: string[] = [];
const allocatorNames: string[] = [];
const spidNames: number[][] = [];
const idOrder: number[] = [];

/** The name of `x` in `table`, given on first appearance. */
const nameIn = <T>(table: T[], x: T): number => {
  const i = table.indexOf(x);
  if (i >= 0) return i;
  table.push(x);
  return table.length - 1;
};

const spidName = (set: number, spid: number | null): number => {
  if (spid === null) return -1;
  let table = spidNames[set];
  if (table === undefined) {
    table = [];
    spidNames[set] = table;
  }
  return nameIn(table, spid);
};

const PRIORITY_CODES: Readonly<Record<string, number>> = {};
const priorityCode = (p: string): number => PRIORITY_CODES[p] ?? intern(`p${p}`);

/** Encode a world (rules 1 to 6): hash its codes, and keep them in `codes` when `keepCodes`. */
const encode = (w: World, keepCodes: boolean): void => {
  const s = w.core;
  startCodes(keepCodes);
  setNames.length = 0;
  notifierNames.length = 0;
  mmNames.length = 0;
  fnsNames.length = 0;
  allocatorNames.length = 0;
  spidNames.length = 0;
  idOrder.length = 0;
  for (const id of s.ids.keys()) {
    let i = idOrder.length;
    idOrder.push(id);
    while (i > 0 && (idOrder[i - 1] ?? 0) > id) {
      idOrder[i] = idOrder[i - 1] ?? 0;
      i--;
    }
    idOrder[i] = id;
  }
  put(idOrder.length);
  for (const id of idOrder) {
    const r = s.ids.get(id);
    if (r === undefined) continue;
    const set = nameIn(setNames, r.set);
    put(id);
    put(set);
    put(r.state === "ALLOCATED" ? 1 : 0);
    put(r.refs);
    put(r.allocRef ? 1 : 0);
    put(spidName(set, r.spid));
    put(r.data === null ? 0 : intern(`d${r.data}`));
    put(r.binds);
    put(r.space.kind === "default" ? -1 : nameIn(fnsNames, r.space.fns));
    put(r.ghost.taken);
    put(r.ghost.takenAfterFree);
  }
  put(s.notifiers.length);
  for (const n of s.notifiers) {
    const sc = n.scope;
    put(nameIn(notifierNames, n.name));
    put(priorityCode(n.priority));
    if (sc.kind === "global") put(-1);
    else if (sc.kind === "set") {
      put(-2);
      put(nameIn(setNames, sc.set));
    } else {
      put(nameIn(mmNames, sc.mm));
      put(sc.attached === null ? -1 : nameIn(setNames, sc.attached));
    }
    put(reactionCode(w.env.reactions.get(n.name)));
  }
  put(w.env.work.length);
  for (const item of w.env.work) {
    put(nameIn(notifierNames, item.notifier));
    put(item.id);
    put(nameIn(setNames, item.set));
    put(callsCode(item.calls));
  }
  // Rule order: the sets not named yet, sorted by their contents (ties are interchangeable).
  const rest: { readonly handle: number; readonly sig: number }[] = [];
  for (const x of s.sets.values()) {
    if (setNames.includes(x.handle)) continue;
    const token = x.token.type === "null" ? x.token.value * 2 : mmNames.includes(x.token.mm) ? mmNames.indexOf(x.token.mm) * 2 + 1 : -1;
    rest.push({ handle: x.handle, sig: ((token + 2) * 65536 + x.quota) * 65536 + x.refs });
  }
  rest.sort((a, b) => a.sig - b.sig);
  for (const x of rest) setNames.push(x.handle);
  put(setNames.length);
  for (const h of setNames) {
    const x = s.sets.get(h);
    if (x === undefined) {
      put(-2);
      continue;
    }
    if (x.token.type === "null") {
      put(-1);
      put(x.token.value);
    } else put(nameIn(mmNames, x.token.mm));
    put(x.quota);
    put(x.refs);
  }
  put(s.allocators.length);
  for (const a of s.allocators) {
    put(nameIn(allocatorNames, a.name));
    put(nameIn(fnsNames, a.fns));
    let older = 0;
    for (const b of s.allocators) if (b.group < a.group && !s.allocators.some((c, j) => c.group === b.group && s.allocators.indexOf(b) > j)) older++;
    put(older);
  }
};

/** The canonical key of a world as text (for tests and diagnostics; the search uses `fingerprint`). */
export const canonicalKey = (w: World): string => {
  encode(w, true);
  let key = "";
  for (let i = 0; i < codes.length; i += 4096) key += String.fromCharCode(...codes.slice(i, i + 4096));
  return key;
};

/**
 * The 64-bit fingerprint of a world's canonical key, written to `out`: the same two hashes as
 * fingerprints.ts computes over the codes, run while encoding. `extra` codes (a caller's own
 * state beside the world, already canonical) are hashed after it.
 */
export const fingerprint = (w: World, out: { hi: number; lo: number }, extra: readonly number[] = []): void => {
  encode(w, false);
  for (const x of extra) put(x);
  finishFingerprint(hash.a, hash.b, hash.n, out);
};
