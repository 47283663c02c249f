/**
 * Helpers for the impl tests (no test-runner import, so it type-checks and builds like the rest).
 * They throw on surprises: a test that meets an unexpected result fails loudly.
 */
import type { IoasidCore, NotifierBlock, Handler } from "../api/core.js";
import type { Delivery, Priority } from "../api/notification.js";
import { CallResult } from "../api/result.js";
import type { ImplCore } from "./core.js";

/** The value of a successful result. */
export const value = (r: CallResult): unknown => {
  if (!r.ok) throw new Error(`expected ok, got ${r.errno}`);
  return r.value;
};

/** The number carried by a successful result. */
export const num = (r: CallResult): number => {
  const v = value(r);
  if (typeof v !== "number") throw new Error(`expected a number, got ${String(v)}`);
  return v;
};

/** The errno of a refused result, or "ok". */
export const errnoOf = (r: CallResult): string => (r.ok ? "ok" : r.errno ?? `no errno (${r.via})`);

/** Call a method with arbitrary (possibly ill-typed) arguments; the answer must be a CallResult. */
export const callRaw = (core: IoasidCore, method: keyof IoasidCore, args: readonly unknown[]): CallResult => {
  const fn: unknown = core[method];
  if (typeof fn !== "function") throw new Error(`no method ${method}`);
  const r: unknown = Reflect.apply(fn, core, args);
  if (!CallResult.is(r)) throw new Error(`${method} returned a non-result`);
  return r;
};

/** A delivery log shared by several notifiers. */
export class Recorder {
  readonly log: Delivery[] = [];

  /** A notifier block that records its deliveries, then runs `then`. */
  nb(name: string, priority: Priority, then?: Handler): NotifierBlock {
    return {
      name,
      priority,
      handler: (d, core) => {
        this.log.push(d);
        if (then !== undefined) then(d, core);
      },
    };
  }

  /** "EVENT:notifier:id" of each delivery, in order. */
  lines(): string[] {
    return this.log.map((d) => `${d.event}:${d.notifier}:${d.id}`);
  }

  clear(): void {
    this.log.length = 0;
  }
}

/** An observable snapshot of an ImplCore: for "a refused call changes nothing" checks. */
export const snapshot = (core: ImplCore, sets: readonly number[], ids: readonly number[]): string =>
  JSON.stringify({
    stats: core.stats(),
    sets: sets.map((s) => core.inspectSet(s)),
    ids: ids.map((i) => core.inspectRecord(i)),
  });
