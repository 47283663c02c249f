/**
 * Coverage: what a suite reached, per command kind and outcome (ok or each errno), per event
 * kind delivered, and per handler/work call and outcome. The gate lists the cases a run must
 * reach; a listed case never reached fails the suite.
 */
import type { Command } from "../../api/commands.js";
import type { Outcome } from "../../api/outcome.js";
import { PAIR_GATE } from "./pairs.js";

/** The coverage keys one step contributes. */
export const outcomeKeys = (cmd: Command, o: Outcome): readonly string[] => [
  `${cmd.op}:${o.result.ok ? "ok" : o.result.errno}`,
  ...o.events.map((e) => (e.kind === "deliver" ? `event:${e.delivery.event}` : `${e.context}:${e.call}:${e.result.ok ? "ok" : e.result.errno}`)),
];

/** `op:outcome` (or `event:EVENT`), built once per pair (the per-step hot path; same keys as outcomeKeys). */
const resultKeys = new Map<string, Map<string, string>>();
const resultKey = (op: string, outcome: string): string => {
  let byOutcome = resultKeys.get(op);
  if (byOutcome === undefined) resultKeys.set(op, (byOutcome = new Map()));
  let k = byOutcome.get(outcome);
  if (k === undefined) byOutcome.set(outcome, (k = `${op}:${outcome}`));
  return k;
};

/** Counts of coverage keys. */
export class Coverage {
  private readonly counts = new Map<string, number>();
  add(cmd: Command, o: Outcome): void {
    this.bump(resultKey(cmd.op, o.result.ok ? "ok" : String(o.result.errno)));
    for (const e of o.events) this.bump(e.kind === "deliver" ? resultKey("event", e.delivery.event) : resultKey(`${e.context}:${e.call}`, e.result.ok ? "ok" : String(e.result.errno)));
  }
  private bump(k: string): void {
    this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
  }
  /** Count keys reached by a step beyond its outcome (pairs.ts). */
  addKeys(keys: readonly string[]): void {
    for (const k of keys) this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
  }
  merge(other: Coverage): void {
    for (const [k, n] of other.counts) this.counts.set(k, (this.counts.get(k) ?? 0) + n);
  }
  count(key: string): number {
    return this.counts.get(key) ?? 0;
  }
  /** A coverage made of counted keys (e.g. merged from several runs). */
  static fromEntries(entries: Iterable<readonly [string, number]>): Coverage {
    const c = new Coverage();
    for (const [k, n] of entries) c.counts.set(k, (c.counts.get(k) ?? 0) + n);
    return c;
  }
  /** Every key with its count, sorted by key. */
  entries(): ReadonlyArray<readonly [string, number]> {
    return [...this.counts].sort(([a], [b]) => a.localeCompare(b));
  }
  /** The gate's cases not reached. */
  missing(gate: readonly string[]): readonly string[] {
    return gate.filter((k) => this.count(k) === 0);
  }
}

/** The cases the core conformance suite must reach in a default run. */
export const CORE_GATE: readonly string[] = [
  "alloc_set:ok", "alloc_set:EINVAL", "alloc_set:EEXIST", "alloc_set:ENOSPC",
  "adjust_set:ok", "adjust_set:EINVAL", "adjust_set:EBUSY", "adjust_set:ENOENT", "adjust_set:ENOSPC",
  "set_get:ok", "set_get:ENOENT", "set_get:EINVAL", "set_put:ok", "set_put:ENOENT", "set_put:EINVAL",
  "set_get_locked:EINVAL", "set_put_locked:EINVAL", "for_each_ioasid:ok", "for_each_ioasid:ENOENT",
  "alloc:ok", "alloc:EDQUOT", "alloc:ENOSPC", "alloc:EINVAL", "alloc:ENOENT",
  "free:ok", "free:EACCES", "free:ENOENT", "free:EINVAL",
  "get:ok", "get:ENOENT", "get:EACCES", "get:EINVAL", "get_locked:EINVAL",
  "put:ok", "put:EINVAL", "put:EACCES", "put:ENOENT", "put_locked:EINVAL",
  "find:ok", "find:ENOENT", "find:EACCES", "attach_data:ok", "attach_data:EACCES",
  "attach_spid:ok", "attach_spid:EBUSY", "attach_spid:EEXIST", "attach_spid:EINVAL", "attach_spid:ENOENT",
  "detach_spid:ok", "detach_spid:ENOENT",
  "find_by_spid:ok", "find_by_spid:ENOENT", "find_by_spid:EINVAL",
  "register_notifier:ok", "register_notifier:EEXIST", "register_notifier:EBUSY", "register_notifier:ENOENT",
  "register_notifier_mm:ok", "register_notifier_mm:EBUSY", "register_notifier_mm:EEXIST",
  "unregister_notifier:ok", "unregister_notifier:ENOENT", "unregister_notifier_mm:ok", "unregister_notifier_mm:ENOENT",
  "notify:ok", "notify:EINVAL", "notify:ENOENT", "notify:EACCES",
  "register_allocator:ok", "register_allocator:EAGAIN", "register_allocator:EEXIST",
  "unregister_allocator:ok", "unregister_allocator:EBUSY", "unregister_allocator:ENOENT",
  "run_work:ok",
  "handler:get_locked:ok", "handler:put_locked:ok", "handler:put_locked:EINVAL", "handler:set_get_locked:ok",
  "handler:set_put_locked:ok", "handler:free:EDEADLK", "handler:get:EDEADLK",
  "work:put:ok", "work:put_locked:EINVAL", "work:free:ok", "work:get:ok",
  // handler lookups (D31)
  "handler:find:EDEADLK", "handler:for_each_ioasid:EDEADLK", "handler:alloc:EDEADLK",
  "work:find:ok", "work:for_each_ioasid:ok", "work:alloc:ok",
  "event:ALLOC", "event:FREE", "event:BIND", "event:UNBIND",
];

/** The cases of fault injection (D32): gated only for a core that offers failNth. */
export const FAULT_GATE: readonly string[] = ["alloc:ENOMEM", "alloc_set:ENOMEM", "attach_spid:ENOMEM"];

/** The core suite's whole gate: the cases above, the pairwise situations (pairs.ts) and FAULT_GATE. */
export const CORE_SUITE_GATE: readonly string[] = [...CORE_GATE, ...PAIR_GATE, ...FAULT_GATE];

/** The core suite's gate for a core that offers fault injection (`faults`) or not. */
export const coreSuiteGate = (faults: boolean): readonly string[] => (faults ? CORE_SUITE_GATE : [...CORE_GATE, ...PAIR_GATE]);
