/**
 * The budget of one exploration and the bookkeeping both explorers share: paths kept as links
 * to their parent, levels, and the stop decision.
 *
 * Rules:
 *  1. An exploration stops after `maxDepth` levels, when `maxMs` milliseconds have passed, or
 *     when `maxStates` distinct states are known (memory), whichever comes first; the level in
 *     progress then does not count as complete.
 */
import type { ExploreLevel, StoppedBy } from "./result.js";

/** Rule 1. */
export interface ExploreLimits {
  readonly maxDepth: number;
  readonly maxMs?: number;
  readonly maxStates?: number;
  /** Called as each level completes (progress for a person watching). */
  readonly onLevel?: (level: ExploreLevel, distinctStates: number) => void;
}

/** Default memory bound: distinct states kept. */
export const DEFAULT_MAX_STATES = 1_000_000;

/** Counters and clock of one exploration (rule 1). */
export class Progress {
  readonly start = performance.now();
  private readonly cpuStart = process.cpuUsage();
  readonly levels: ExploreLevel[] = [];
  transitions = 0;
  private levelStart = this.start;
  private levelTransitions = 0;

  constructor(readonly limits: ExploreLimits) {}

  get ms(): number {
    return performance.now() - this.start;
  }

  /** CPU milliseconds of the process since the start. */
  get cpuMs(): number {
    const c = process.cpuUsage(this.cpuStart);
    return (c.user + c.system) / 1000;
  }

  /** A budget that ran out, or null. */
  outOfBudget(states: number): StoppedBy | null {
    if (this.limits.maxStates !== undefined && states >= this.limits.maxStates) return "states";
    if (this.limits.maxMs !== undefined && this.ms > this.limits.maxMs) return "time";
    return null;
  }

  /** Close a completed level. */
  level(depth: number, newStates: number, distinctStates: number): void {
    const now = performance.now();
    const level = { depth, newStates, transitions: this.transitions - this.levelTransitions, ms: now - this.levelStart };
    this.levels.push(level);
    this.levelStart = now;
    this.levelTransitions = this.transitions;
    this.limits.onLevel?.(level, distinctStates);
  }
}
