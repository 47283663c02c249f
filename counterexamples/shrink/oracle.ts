/**
 * The oracle of the shrinkers: replays candidate traces and says whether they keep the class.
 *
 * Rules:
 *  1. Every candidate is replayed by `replayTrace`, exactly as a stored trace would be: commands
 *     that became invalid (a set no longer created, an ID no longer allocated) simply run and get
 *     their errno.
 *     They run on the trace's own core, or on `on` when the caller opened one (replay.ts rule 4).
 *  2. Results are cached by the candidate's implementation, capacity, commands and recorded
 *     values, so asking twice costs one replay; `replays` counts the real ones.
 */
import type { ReplayResult } from "../replay.js";
import type { CoreFactory } from "../implementations.js";
import { replayTrace } from "../replay.js";
import type { Trace } from "../trace.js";
import type { FailureClass } from "./failure-class.js";
import { keepsClass } from "./failure-class.js";

/** Replays candidates against one failure class. */
export class Oracle {
  private readonly cache = new Map<string, ReplayResult>();
  private count = 0;

  constructor(readonly cls: FailureClass, private readonly on?: CoreFactory) {}

  /** Real replays so far (rule 2). */
  get replays(): number {
    return this.count;
  }

  /** Replay a candidate (rule 1), cached (rule 2). */
  run(t: Trace): ReplayResult {
    const key = JSON.stringify([t.implementation, t.suite === "core" ? t.capacity : null, t.commands, t.values]);
    const known = this.cache.get(key);
    if (known !== undefined) return known;
    this.count++;
    const r = replayTrace(t, this.on);
    this.cache.set(key, r);
    return r;
  }

  /** Does the candidate keep the class? */
  keeps(t: Trace): boolean {
    return keepsClass(this.cls, this.run(t));
  }

  /** Does a replay's result keep the class? */
  keepsResult(r: ReplayResult): boolean {
    return keepsClass(this.cls, r);
  }
}
