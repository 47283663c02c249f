/**
 * The shapes of a step. The core composes with an environment E (the handlers and whatever they
 * keep, e.g. a work queue): a delivery hands the core state and E to `Deliver`, which returns
 * both after the handler ran. Given a pure `Deliver`, every action is a pure function.
 */
import type { Errno } from "../api/errno.js";
import type { Delivery } from "../api/notification.js";
import type { TraceEvent } from "../api/outcome.js";
import type { Value } from "../api/result.js";
import type { CoreState } from "./state.js";

/** The core state with its environment. */
export interface Sys<E> {
  readonly core: CoreState;
  readonly env: E;
}

/** What a handler did: the states after it ran, and the events it caused (nested included). */
export interface Handled<E> extends Sys<E> {
  readonly events: readonly TraceEvent[];
}

/** Runs the handler of one delivery. Called with `core.depth` already raised. */
export type Deliver<E> = (core: CoreState, env: E, delivery: Delivery) => Handled<E>;

/** A refused action: the errno, and (by construction) no new state. */
export interface Refused {
  readonly ok: false;
  readonly errno: Errno;
}

/** An action that happened. */
export interface Done<E> extends Handled<E> {
  readonly ok: true;
  readonly value: Value;
}

/** The result of an action. */
export type Step<E> = Refused | Done<E>;

/** The inputs of an action: the system, the handlers, and the implementation's choice if any. */
export interface StepContext<E> {
  readonly sys: Sys<E>;
  readonly deliver: Deliver<E>;
  /** The ID (alloc) or handle (alloc_set) the implementation chose; canonical when absent. */
  readonly choice?: number;
}

/** Refuse with an errno. */
export const refuse = (errno: Errno): Refused => ({ ok: false, errno });

/** Succeed with a new core state, no events. */
export const done = <E>(sys: Sys<E>, core: CoreState, value: Value = null): Done<E> =>
  ({ ok: true, core, env: sys.env, events: [], value });
