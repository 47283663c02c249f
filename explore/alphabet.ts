/**
 * The alphabet: every concrete command of a scope in a given spec state, generated from the api
 * codecs (command-shapes.ts), so new command kinds, handler calls, events and priorities are
 * explored as soon as the codecs know them.
 *
 * Rules:
 *  1. Each argument draws from a domain chosen by its name: `set` every set handle (live or
 *     dying), one handle naming no set, and null where the codec admits it; `id` every live ID,
 *     one number of 1..ids that is not live, and 0 (never valid, D1); `spid` 1..spids; `mm`
 *     1..mms; `token` NULL 0 and MM 1..mms; `quota` 1 and the capacity, and 0 and one beyond;
 *     `min` and `max` together [1, ids] and [1, 1]; `data` null; `name` the registered names
 *     and one fresh name (notifiers), or the scope's allocator names; `fns` one functions key;
 *     `priority` the scope's levels (pools.ts); `reaction` UNDECIDED when the scope has several
 *     reactions (lazy-reactions.ts: they are chosen at the first delivery), else its one
 *     reaction. Any other argument whose codec is a keyof, a literal, or admits null, 0, "a" or
 *     false is enumerated from that.
 *  2. Probes and moves: a command naming no set, no live ID (the stale number, 0), a quota of 0
 *     or beyond the capacity, or calling a `_locked` twin outside a handler is refused by the
 *     spec whatever the state (D1, D2, D18, D27): it is a probe. It never changes the spec
 *     state, so exploring the spec alone leaves probes out; checking a core under test tries
 *     them in every state. Moves are the product of the arguments' other values; probes vary
 *     one argument at a time (the others at their first move value).
 *  3. Bounds: alloc_set only while fewer than `sets` sets exist; a fresh notifier name only
 *     while fewer than `notifiers` are registered. A registration under a registered name is
 *     refused whatever its other arguments (D22), so it is offered once, with the first
 *     priority and the first reaction.
 *  4. Every candidate is decoded by the `Command` codec; a kind with an argument no rule can
 *     enumerate is reported, not explored.
 *  5. The alphabet depends on the state only through the handles, the live IDs and the
 *     registered names, so it is cached under that signature.
 */
import * as t from "io-ts";
import { Command } from "../api/commands.js";
import type { Priority } from "../api/notification.js";
import type { Reaction } from "../api/reaction.js";
import type { CoreState } from "../spec/state.js";
import { initialState } from "../spec/state.js";
import type { Scope } from "./scope.js";
import type { CommandShape } from "./command-shapes.js";
import { COMMAND_SHAPES, keysOf } from "./command-shapes.js";
import { UNDECIDED } from "./lazy-reactions.js";
import { isLockedCall, prioritiesOf, reactionsOf } from "./pools.js";

/** What the domains of rule 1 read from a state. */
interface Facts {
  readonly handles: readonly number[];
  readonly unknownHandle: number;
  readonly ids: readonly number[];
  readonly staleId: number;
  readonly names: readonly string[];
  readonly freshName: string | null;
  readonly setsBelowBound: boolean;
}

const NAME_POOL = ["a", "b", "c", "d", "e", "f", "g", "h"];

const factsOf = (s: CoreState, scope: Scope): Facts => {
  const handles = [...s.sets.keys()].sort((a, b) => a - b);
  let unknownHandle = 1;
  while (s.sets.has(unknownHandle)) unknownHandle++;
  const ids = [...s.ids.keys()].sort((a, b) => a - b);
  let staleId = 1;
  while (s.ids.has(staleId)) staleId++;
  const names = s.notifiers.map((n) => n.name);
  const freshName = names.length < scope.notifiers ? (NAME_POOL.find((n) => !names.includes(n)) ?? null) : null;
  return { handles, unknownHandle, ids, staleId, names, freshName, setsBelowBound: s.sets.size < scope.sets };
};

const signature = (f: Facts): string =>
  `${f.handles.join(",")}/${f.unknownHandle}/${f.ids.join(",")}/${f.staleId}/${f.names.join(",")}/${f.freshName ?? ""}/${f.setsBelowBound ? 1 : 0}`;

const range = (n: number, from = 1): readonly number[] => Array.from({ length: Math.max(0, n) }, (_, i) => from + i);

/** The scope's fixed pools, made once so that equal choices are the same objects. */
interface Pools {
  readonly scope: Scope;
  readonly priorities: readonly Priority[];
  readonly reactions: readonly Reaction[];
}

/** One argument's values (rule 1), with those that make the command a probe (rule 2). */
interface Domain {
  readonly values: readonly unknown[];
  readonly probes: readonly unknown[];
}

const moves = (values: readonly unknown[]): Domain => ({ values, probes: [] });

/** A generic domain from the codec alone (rule 1, last sentence), or null. */
const codecDomain = (c: t.Mixed): Domain | null => {
  const keys = keysOf(c);
  if (keys !== null) return moves(keys);
  if (c instanceof t.LiteralType) return moves([c.value]);
  const out = [null, 0, "a", false].filter((v) => c.is(v));
  return out.length > 0 ? moves(out) : null;
};

/** Rule 1 and 2 for one argument. */
const domainOf = (shape: CommandShape, name: string, codec: t.Mixed, f: Facts, pools: Pools): Domain | null => {
  const scope = pools.scope;
  switch (name) {
    case "set": return { values: [...(codec.is(null) ? [null] : []), ...f.handles, f.unknownHandle], probes: [f.unknownHandle] };
    case "id": return { values: [...f.ids, f.staleId, 0], probes: [f.staleId, 0] };
    case "spid": return moves(range(scope.spids));
    case "mm": return moves(range(scope.mms));
    case "token": return moves([{ type: "null", value: 0 }, ...range(scope.mms).map((mm) => ({ type: "mm", mm }))]);
    case "quota": return { values: [...new Set([1, scope.capacity, 0, scope.capacity + 1])], probes: [0, scope.capacity + 1] };
    case "data": return moves([null]);
    case "name": return moves(shape.op.includes("allocator") ? range(scope.allocators).map((i) => `alloc${i}`) : [...f.names, ...(f.freshName === null ? [] : [f.freshName])]);
    case "fns": return moves(["fns1"]);
    case "priority": return moves(pools.priorities);
    case "reaction": return moves(pools.reactions.length > 1 ? [UNDECIDED] : pools.reactions);
    default: return codecDomain(codec);
  }
};

interface Candidate {
  readonly row: Record<string, unknown>;
  readonly probe: boolean;
}

/**
 * Every candidate of one kind (before decoding), or null when an argument cannot be enumerated:
 * the product of the arguments' move values, then each probe value of each argument with the
 * other arguments at their first move value (probes vary one argument at a time). A `_locked`
 * kind is a probe as a whole: its first candidate, then its one-at-a-time probes.
 */
const candidatesOf = (shape: CommandShape, f: Facts, pools: Pools): readonly Candidate[] | null => {
  const names = shape.args.map(([n]) => n);
  const ranged = names.includes("min") && names.includes("max");
  const ids = pools.scope.ids;
  const doms: (readonly [string, Domain])[] = [];
  for (const [name, codec] of shape.args) {
    if (ranged && name === "max") continue;
    const dom = ranged && name === "min" ? moves([[1, ids], [1, 1]]) : domainOf(shape, name, codec, f, pools);
    if (dom === null) return null;
    doms.push([name, dom]);
  }
  const assign = (row: Record<string, unknown>, name: string, v: unknown): Record<string, unknown> => {
    if (!(ranged && name === "min" && Array.isArray(v))) return { ...row, [name]: v };
    const [min, max] = v;
    return { ...row, min, max };
  };
  const moveValues = doms.map(([name, d]) => [name, d.values.filter((v) => !d.probes.includes(v))] as const);
  let rows: Record<string, unknown>[] = [{ op: shape.op }];
  for (const [name, vs] of moveValues) rows = rows.flatMap((r) => vs.map((v) => assign(r, name, v)));
  const locked = isLockedCall(shape.op);
  if (locked) rows = rows.slice(0, 1);
  const base = rows[0];
  const out: Candidate[] = rows.map((row) => ({ row, probe: locked }));
  if (base === undefined) return out;
  for (const [name, d] of doms) for (const p of d.probes) out.push({ row: assign(base, name, p), probe: true });
  return out;
};

/** Rule 3. */
const withinBounds = (shape: CommandShape, row: Record<string, unknown>, f: Facts, firsts: Record<string, unknown>): boolean => {
  if (shape.op === "alloc_set") return f.setsBelowBound;
  const registers = shape.args.some(([n]) => n === "reaction");
  if (!registers || typeof row["name"] !== "string" || !f.names.includes(row["name"])) return true;
  return shape.args.every(([n]) => n === "name" || n === "set" || n === "mm" || row[n] === firsts[n]);
};

/** The commands of one state: moves (rule 2) and probes. */
interface Letters {
  readonly moves: readonly Command[];
  readonly all: readonly Command[];
}

/** The alphabet of a scope: concrete commands per state (cached, rule 5), and the kinds left out (rule 4). */
export class Alphabet {
  private readonly cache = new Map<string, Letters>();
  private readonly pools: Pools;
  /** The reactions an UNDECIDED notifier may turn out to have. */
  readonly reactions: readonly Reaction[];
  /** Kinds with an argument no rule enumerates. */
  readonly unexplored: readonly string[];

  constructor(readonly scope: Scope, private readonly shapes: readonly CommandShape[] = COMMAND_SHAPES) {
    this.pools = { scope, priorities: prioritiesOf(scope), reactions: reactionsOf(scope) };
    this.reactions = this.pools.reactions;
    const probe = factsOf(initialState({ capacity: scope.capacity }), scope);
    this.unexplored = shapes.filter((s) => candidatesOf(s, probe, this.pools) === null).map((s) => s.op);
  }

  private lettersIn(s: CoreState): Letters {
    const f = factsOf(s, this.scope);
    const key = signature(f);
    const known = this.cache.get(key);
    if (known !== undefined) return known;
    const moveList: Command[] = [];
    const all: Command[] = [];
    for (const shape of this.shapes) {
      const rows = candidatesOf(shape, f, this.pools);
      if (rows === null) continue;
      const firsts: Record<string, unknown> = {};
      for (const [n, codec] of shape.args) firsts[n] = domainOf(shape, n, codec, f, this.pools)?.values[0];
      for (const c of rows) {
        if (!withinBounds(shape, c.row, f, firsts)) continue;
        const d = Command.decode(c.row);
        if (d._tag === "Left") continue;
        all.push(d.right);
        if (!c.probe) moveList.push(d.right);
      }
    }
    const letters = { moves: moveList, all };
    this.cache.set(key, letters);
    return letters;
  }

  /** Every command to check in state `s` (moves and probes), in the codec's kind order. */
  commandsIn(s: CoreState): readonly Command[] {
    return this.lettersIn(s).all;
  }

  /** The commands that may change the spec state `s` (rule 2). */
  movesIn(s: CoreState): readonly Command[] {
    return this.lettersIn(s).moves;
  }
}
