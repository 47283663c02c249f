/**
 * Waiting for an implementation on a busy machine. A timeout is how an endless loop or a wait
 * that never ends shows, so it must not also fire for an implementation the machine simply did
 * not run: on an overloaded machine (a CI box running many jobs) a thread can sit runnable on a
 * run queue for longer than the timeout, and its slow answer would become a false "no reply"
 * counterexample. Linux reports, per thread, the time it spent runnable but waiting for a CPU
 * (the second field of /proc/<pid>/task/<tid>/schedstat, its run-queue delay); a Deadline counts
 * only the time its watched threads could run.
 *
 * Rules:
 *  1. `threadRunDelayMs` is a thread's run-queue delay since it started, in ms; null where it
 *     cannot be read (not Linux, the thread gone, no permission).
 *  2. A Deadline of `timeoutMs` ends once `timeoutMs`, plus the run-queue delay its watched
 *     threads gathered meanwhile, have passed. The extension is capped at EXTENSION_CAP times
 *     the timeout, so every wait still ends; a thread that spins or blocks is not waiting for a
 *     CPU and gets nothing.
 *  3. The watched threads' delay is first read only when a wait has lasted SAMPLE_AFTER_MS (a
 *     call answered sooner costs no read of /proc); what they gathered before is not counted.
 *  4. A thread that cannot be read adds nothing: without /proc a Deadline is the plain
 *     wall-clock one.
 */
import { readFileSync } from "node:fs";

/** One thread of a process. */
export interface ThreadRef {
  readonly pid: number;
  readonly tid: number;
}

/** Rule 1. */
export const threadRunDelayMs = (t: ThreadRef): number | null => {
  try {
    const ns = Number(readFileSync(`/proc/${t.pid}/task/${t.tid}/schedstat`, "utf8").split(" ")[1]);
    return Number.isFinite(ns) ? ns / 1e6 : null;
  } catch {
    return null;
  }
};

/** The calling thread, where the system names it (Linux: /proc/thread-self); null elsewhere. */
export const currentThreadSource = `(() => { try { const m = /^(\\d+)\\/task\\/(\\d+)$/.exec(require("node:fs").readlinkSync("/proc/thread-self")); return m === null ? 0 : Number(m[2]); } catch { return 0; } })()`;

/** Rule 2: the longest extension, in multiples of the timeout. */
export const EXTENSION_CAP = 3;
/** Rule 3. */
export const SAMPLE_AFTER_MS = 50;

/** A bounded wait that does not count the time its watched threads waited for a CPU (rules 2 to 4). */
export class Deadline {
  private readonly start = Date.now();
  private base: number | null = null;
  private extension = 0;

  constructor(
    private readonly timeoutMs: number,
    private readonly watched: () => readonly ThreadRef[],
    private readonly read: (t: ThreadRef) => number | null = threadRunDelayMs,
  ) {}

  private delay(): number {
    let sum = 0;
    for (const t of this.watched()) sum += this.read(t) ?? 0;
    return sum;
  }

  /** How long to wait before asking again: 0 or less once the deadline has passed. */
  left(): number {
    const now = Date.now();
    const elapsed = now - this.start;
    if (this.base === null) {
      if (elapsed < SAMPLE_AFTER_MS) return Math.min(SAMPLE_AFTER_MS, this.timeoutMs) - elapsed;
      this.base = this.delay();
    }
    const plain = this.timeoutMs + this.extension - elapsed;
    if (plain > 0) return plain;
    this.extension = Math.min(EXTENSION_CAP * this.timeoutMs, Math.max(this.extension, this.delay() - this.base));
    return this.timeoutMs + this.extension - elapsed;
  }

  /** How much longer than the timeout the wait was allowed (rule 2), in ms. */
  get extendedMs(): number {
    return this.extension;
  }

  /** What a timeout message adds: the extension, when there was one. */
  note(): string {
    return this.extension >= 1 ? `, after ${Math.round(this.extension)} ms more for the time it waited for a CPU` : "";
  }
}
