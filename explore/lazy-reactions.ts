/**
 * Handlers decided late: a notifier's reaction is invisible until the notifier receives its
 * first delivery (the core only stores the handler), so a registration is explored once, with
 * its reaction UNDECIDED, and the exploration branches over the scope's reactions at that first
 * delivery instead. Two states that differ only in the reaction of a notifier that has heard
 * nothing yet are one state.
 *
 * Rules:
 *  1. UNDECIDED is a reaction object of its own (it behaves as a silent handler); the canonical
 *     form writes it as "?".
 *  2. Branching: a step whose outcome delivers to an UNDECIDED notifier is re-run once per
 *     reaction of the scope for that notifier (then for the next one reached, and so on).
 *  3. A path remembers where each live registration sits (`regs`) and what was decided for it
 *     (`chosen`, by path position); its concrete commands carry the decided reactions, and a
 *     registration never decided keeps the silent one.
 *  4. A core under test is given the silent placeholder for an UNDECIDED notifier; if it delivers
 *     to one that the spec did not (another allocation choice), that notifier is settled as
 *     silent, which is exactly how it behaved.
 */
import type { Command } from "../api/commands.js";
import type { Outcome } from "../api/outcome.js";
import type { Reaction } from "../api/reaction.js";
import { SILENT } from "../api/reaction.js";
import type { World } from "../spec/world.js";
import { worldStep } from "../spec/world.js";

/** Rule 1. */
export const UNDECIDED: Reaction = { on: [], now: [], later: [] };

/** A path of commands as links to the parent (one link per state), with the rule 3 records. */
export interface PathLink {
  readonly prev: PathLink | null;
  readonly cmd: Command;
  readonly length: number;
}

/** Rule 3. */
export interface Decisions {
  readonly regs: ReadonlyMap<string, number>;
  readonly chosen: ReadonlyMap<number, Reaction>;
}

export const NO_DECISIONS: Decisions = { regs: new Map(), chosen: new Map() };

/** One way a step can go (rule 2): the world after, its outcome, and the reactions decided for it. */
export interface Branch {
  readonly before: World;
  readonly world: World;
  readonly outcome: Outcome;
  readonly decided: readonly (readonly [string, Reaction])[];
}

const withReaction = (w: World, name: string, r: Reaction): World =>
  ({ core: w.core, env: { ...w.env, reactions: new Map(w.env.reactions).set(name, r) } });

/** Is some registered notifier still UNDECIDED (so a step may need branching)? */
export const hasUndecided = (w: World): boolean => w.core.notifiers.some((n) => w.env.reactions.get(n.name) === UNDECIDED);

/** The first UNDECIDED notifier an outcome delivers to, or null. */
export const undecidedHit = (w: World, outcome: Outcome): string | null => {
  for (const e of outcome.events) if (e.kind === "deliver" && w.env.reactions.get(e.delivery.notifier) === UNDECIDED) return e.delivery.notifier;
  return null;
};

/** Rule 2: every branch of `cmd` in `w` (one, unless an UNDECIDED notifier hears something). */
export const branchesOf = (w: World, cmd: Command, pool: readonly Reaction[], choice?: number): readonly Branch[] => {
  const first = choice === undefined ? worldStep(w, cmd) : worldStep(w, cmd, choice);
  if (undecidedHit(w, first.outcome) === null) return [{ before: w, world: first.world, outcome: first.outcome, decided: [] }];
  const out: Branch[] = [];
  const go = (before: World, decided: readonly (readonly [string, Reaction])[]): void => {
    const r = choice === undefined ? worldStep(before, cmd) : worldStep(before, cmd, choice);
    const hit = undecidedHit(before, r.outcome);
    if (hit === null) {
      out.push({ before, world: r.world, outcome: r.outcome, decided });
      return;
    }
    for (const reaction of pool) go(withReaction(before, hit, reaction), [...decided, [hit, reaction]]);
  };
  go(w, []);
  return out;
};

/** The world before a step with some reactions decided. */
export const decide = (w: World, decided: readonly (readonly [string, Reaction])[]): World =>
  decided.reduce((acc, [name, r]) => withReaction(acc, name, r), w);

/** The records of a path after one more step (rule 3). */
export const decisionsAfter = (d: Decisions, position: number, cmd: Command, ok: boolean, decided: readonly (readonly [string, Reaction])[]): Decisions => {
  let { regs, chosen } = d;
  if (decided.length > 0) {
    const next = new Map(chosen);
    for (const [name, r] of decided) {
      const at = regs.get(name);
      if (at !== undefined) next.set(at, r);
    }
    chosen = next;
  }
  if (ok && "reaction" in cmd && "name" in cmd) regs = new Map(regs).set(cmd.name, position);
  return regs === d.regs && chosen === d.chosen ? d : { regs, chosen };
};

/** The concrete commands of a path (rule 3), oldest first. */
export const concreteCommands = (p: PathLink | null, d: Decisions = NO_DECISIONS): Command[] => {
  const out: Command[] = [];
  for (let at = p; at !== null; at = at.prev) {
    const r = d.chosen.get(at.length - 1);
    out.push(r !== undefined && "reaction" in at.cmd ? { ...at.cmd, reaction: r } : at.cmd);
  }
  return out.reverse();
};

/** A path one step longer. */
export const extend = (p: PathLink | null, cmd: Command): PathLink => ({ prev: p, cmd, length: (p?.length ?? 0) + 1 });

/** The records with some reactions decided now (rule 3), for replaying a branch. */
export const withDecided = (d: Decisions, decided: readonly (readonly [string, Reaction])[]): Decisions => {
  if (decided.length === 0) return d;
  const chosen = new Map(d.chosen);
  for (const [name, r] of decided) {
    const at = d.regs.get(name);
    if (at !== undefined) chosen.set(at, r);
  }
  return { regs: d.regs, chosen };
};

/**
 * Rule 4: the world after a core under test's step, with every UNDECIDED notifier that the
 * outcome delivered to settled as silent, and those names.
 */
export const settle = (before: World, after: World, outcome: Outcome): { readonly world: World; readonly settled: readonly (readonly [string, Reaction])[] } => {
  const settled: (readonly [string, Reaction])[] = [];
  for (const e of outcome.events) {
    const name = e.kind === "deliver" ? e.delivery.notifier : null;
    if (name !== null && before.env.reactions.get(name) === UNDECIDED && !settled.some(([n]) => n === name)) settled.push([name, SILENT]);
  }
  return settled.length === 0 ? { world: after, settled } : { world: decide(after, settled), settled };
};
