/**
 * CoreState: the bottom layer of ImplCore. It holds the state every layer shares, validates the
 * options, and answers the call-context checks (D27).
 *
 * ImplCore is one class built as a chain of layers, one file and one job each (bottom first):
 *   core-state.ts      CoreState       state, options, call context
 *   allocator-calls.ts AllocatorCalls  registerAllocator, unregisterAllocator, allocator callouts
 *   publication.ts     Publication     delivering an event to its recipients
 *   id-life.ts         IdLife          per-ID checks, free / drop / reclaim, dying-set teardown
 *   set-calls.ts       SetCalls        the set calls
 *   id-calls.ts        IdCalls         the ID calls
 *   notifier-calls.ts  NotifierCalls   the notifier calls and notify
 *   core.ts            ImplCore        inspection; the class users import
 * A layer calls only what it or a lower layer defines (Publication's `handlerCore` is the one
 * member a lower layer declares and core.ts defines). All instances have the same shape: the
 * fields are declared here only.
 *
 * Rules:
 *  1. Handler context (D27): `depth` counts nested handler calls. While it is > 0 only the four
 *     *Locked calls run; outside, they answer EINVAL.
 *  2. Custom allocator callouts (ops.alloc, ops.free) run with `callout` > 0: every call made
 *     from inside them answers EDEADLK (the kernel holds the allocator lock there).
 *  3. Fault injection (api/faults.ts, faults.ts): every call made outside handlers and callouts
 *     is a top-level call (a *Locked one refused there included) and takes over the arming of
 *     `failNth`.
 *  4. Members are `protected` so that the layers above, and the suite's deliberately broken
 *     variants (properties/core/mutants), can reach them; nothing outside impl/ else does.
 */
import { MIN_IOASID, SYSTEM_CAPACITY } from "../api/constants.js";
import type { Err } from "../api/result.js";
import { AllocatorRegistry } from "./allocators.js";
import { IdTable } from "./id-table.js";
import { NotifierRegistry } from "./notifiers.js";
import { FaultCounter } from "./faults.js";
import { E_DEADLK, E_INVAL } from "./results.js";
import { SetTable } from "./sets.js";

/** Options of `createImplCore`. */
export interface ImplOptions {
  /** The sum-of-quotas limit; default SYSTEM_CAPACITY. */
  readonly capacity?: number;
  /** Default allocator policy; default "lowest". */
  readonly policy?: "lowest" | "cyclic";
}

export abstract class CoreState {
  protected readonly ids = new IdTable();
  protected readonly sets: SetTable;
  protected readonly notifiers = new NotifierRegistry();
  protected readonly allocators = new AllocatorRegistry();
  /** The default allocator's policy is "cyclic"; `cursor` is where its next search starts. */
  protected readonly cyclic: boolean;
  protected cursor = MIN_IOASID;
  /** Nesting of handler calls (rule 1) and of allocator callouts (rule 2). */
  protected depth = 0;
  protected callout = 0;
  /** Exceptions thrown by handlers (caught, counted, delivery goes on). */
  protected handlerFaults = 0;
  /** Injected allocation failures (rule 3). */
  protected readonly faults = new FaultCounter();

  constructor(options: ImplOptions = {}) {
    const capacity = options.capacity ?? SYSTEM_CAPACITY;
    if (!Number.isInteger(capacity) || capacity < 0) throw new RangeError("capacity must be an integer >= 0");
    const policy = options.policy ?? "lowest";
    if (policy !== "lowest" && policy !== "cyclic") throw new RangeError("policy must be lowest or cyclic");
    this.sets = new SetTable(capacity);
    this.cyclic = policy === "cyclic";
  }

  /** Refusal of a lock-taking call, or null when it may run: then a top-level call (rule 3). */
  protected unlocked(): Err | null {
    if (this.depth !== 0 || this.callout !== 0) return E_DEADLK;
    this.faults.begin();
    return null;
  }

  /** Arm the next top-level call: its n-th internal allocation fails (api/faults.ts). */
  failNth(n: number): void {
    this.faults.arm(n);
  }

  /** Refusal of a *Locked call, or null when it may run; refused outside a handler, it is a top-level call (rule 3). */
  protected locked(): Err | null {
    if (this.callout !== 0) return E_DEADLK;
    if (this.depth !== 0) return null;
    this.faults.begin();
    return E_INVAL;
  }
}
