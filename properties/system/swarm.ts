/**
 * Swarm testing (Groce et al., "Swarm Testing", ISSTA 2012): each run of the system suite
 * enables only a random subset of the command kinds and picks its own biases, so that some runs
 * dwell on a few kinds and reach their rare combinations early, instead of every run spreading
 * its commands thinly over all kinds.
 *
 * Rules:
 *  1. A swarm is part of the generated input of a run (fast-check draws it with the commands),
 *     so the run's seed and path reproduce it exactly, and shrinking may simplify it.
 *  2. vm_create and vcmd_alloc are always fully enabled: without them nothing else resolves.
 *     About a quarter of the runs enable every kind fully; in the others each remaining kind is
 *     fully on (1/2), thinned to a third of its commands (1/4) or off (1/4). Each generated
 *     command carries a number in 0..99; a command whose kind's rate is not above it is skipped
 *     (its precondition), so a run's mix of kinds, not only its set, varies.
 *  3. Biases: how vm_create picks quotas (mixed, default only, tiny, or at the edges of the
 *     capacity left), and whether picks favour a second device or WQ for one PASID.
 *  4. FULL_SWARM (every kind, mixed quotas, no pair bias) is what resolution uses outside the
 *     suite (the shrinker's search, replays of concrete traces need none).
 */
import fc from "fast-check";
import type { SystemCommandKind } from "../../hw-model/system/commands.js";

/** How vm_create picks the quota it asks for. */
export type QuotaBias = "mixed" | "default" | "tiny" | "edge";

/** One run's swarm. */
export interface Swarm {
  /** Rule 2: per kind, the percentage of its generated commands this run issues (absent: 0). */
  readonly rates: ReadonlyMap<SystemCommandKind, number>;
  /** Rule 3. */
  readonly quotas: QuotaBias;
  /** Rule 3: favour binding one PASID on a second device, programming it on a second WQ. */
  readonly pairs: boolean;
}

/** Rule 2: the kinds every run keeps. */
export const ESSENTIAL_KINDS: ReadonlySet<SystemCommandKind> = new Set<SystemCommandKind>(["vm_create", "vcmd_alloc"]);

/** Rule 4. */
export const fullSwarm = (kinds: readonly SystemCommandKind[]): Swarm => ({ rates: new Map(kinds.map((k) => [k, 100])), quotas: "mixed", pairs: false });

/** Rule 2: does the run issue a command of kind `op` drawn with `draw` (0..99)? */
export const issues = (s: Swarm, op: SystemCommandKind, draw: number): boolean => draw < (s.rates.get(op) ?? 0);

/** Rule 2: the rate of an optional kind from its draw (0, 1: on; 2: thinned; 3: off). */
const RATES: readonly number[] = [100, 100, 33, 0];

const QUOTA_BIASES: readonly QuotaBias[] = ["mixed", "default", "tiny", "edge"];

/** Rules 1 to 3 over `kinds` (every command kind, in a fixed order). */
export const swarmArb = (kinds: readonly SystemCommandKind[]): fc.Arbitrary<Swarm> => {
  const optional = kinds.filter((k) => !ESSENTIAL_KINDS.has(k));
  return fc.record({
    partial: fc.nat({ max: 3 }),
    mix: fc.array(fc.nat({ max: RATES.length - 1 }), { minLength: optional.length, maxLength: optional.length }),
    quotas: fc.nat({ max: QUOTA_BIASES.length - 1 }),
    pairs: fc.boolean(),
  }).map(({ partial, mix, quotas, pairs }) => ({
    rates: new Map(kinds.map((k) => [k, partial === 0 || ESSENTIAL_KINDS.has(k) ? 100 : (RATES[mix[optional.indexOf(k)] ?? 0] ?? 100)])),
    quotas: QUOTA_BIASES[quotas] ?? "mixed",
    pairs,
  }));
};

/** A swarm as one line, for reports. */
export const swarmText = (s: Swarm, kinds: readonly SystemCommandKind[]): string => {
  const off = kinds.filter((k) => (s.rates.get(k) ?? 0) === 0);
  const thin = kinds.filter((k) => { const r = s.rates.get(k) ?? 0; return r > 0 && r < 100; });
  return `off: ${off.join(", ") || "none"}; thinned: ${thin.join(", ") || "none"}; quotas: ${s.quotas}; pair bias: ${s.pairs ? "on" : "off"}`;
};
