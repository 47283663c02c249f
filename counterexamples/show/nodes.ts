/**
 * The call tree of one step, as a replay records it, before it becomes rows.
 *
 * Rules:
 *  1. A step is one root node: the command's core call (core traces) or the actor's action
 *     (system traces, run_work, teardown). Core calls, deliveries and handler calls nest under
 *     the node during which they happened, in order.
 *  2. Every node keeps the spec state before it and after it; a delivery's `before` is the state
 *     its handler was called with.
 *  3. `TreeBuilder` holds the open nodes while a replay runs; a call made while a delivery is
 *     open is that delivery's receiver's (`handler`).
 */
import type { CoreCall } from "../../api/commands.js";
import type { Delivery } from "../../api/notification.js";
import type { CallResult } from "../../api/result.js";
import type { CoreState } from "../../spec/state.js";
import type { Actor } from "./types.js";

/** A core call made by an actor. */
export interface CallNode {
  readonly kind: "call";
  readonly actor: Actor;
  /** The call's name, e.g. "free". */
  readonly op: string;
  /** The call without its result, e.g. "free(set 1, 3)". */
  readonly text: string;
  /** The ID the call is about: its argument, or the ID it returned; null for set-level calls. */
  subject: number | null;
  readonly before: CoreState;
  after: CoreState;
  result: CallResult;
  readonly children: Node[];
}

/** One delivery to one notifier. */
export interface DeliverNode {
  readonly kind: "deliver";
  readonly actor: Actor;
  readonly delivery: Delivery;
  readonly before: CoreState;
  after: CoreState;
  readonly children: Node[];
}

/** An actor's own action: a system command, a work item run, the teardown. */
export interface ActionNode {
  readonly kind: "action";
  readonly actor: Actor;
  readonly from: Actor;
  readonly to: Actor;
  text: string;
  subject: number | null;
  readonly teardown: boolean;
  readonly before: CoreState;
  after: CoreState;
  readonly children: Node[];
}

export type Node = CallNode | DeliverNode | ActionNode;

interface Open {
  readonly children: Node[];
  readonly handler: Actor | null;
}

/** Rule 3. */
export class TreeBuilder {
  private readonly stack: Open[] = [];

  /** Is a step being recorded? */
  get recording(): boolean {
    return this.stack.length > 0;
  }

  /** The receiver of the innermost open delivery, if any. */
  get handler(): Actor | null {
    return this.stack.at(-1)?.handler ?? null;
  }

  /** Run `body` with `node` open as a step's root. */
  root<T>(node: Node, body: () => T): T {
    this.stack.push({ children: node.children, handler: null });
    try {
      return body();
    } finally {
      this.stack.pop();
    }
  }

  /** Add `node` under the innermost open node and run `body` with it open; a delivery sets the handler. */
  child<T>(node: Node, body: () => T): T {
    const top = this.stack.at(-1);
    if (top === undefined) return body();
    top.children.push(node);
    this.stack.push({ children: node.children, handler: node.kind === "deliver" ? node.actor : top.handler });
    try {
      return body();
    } finally {
      this.stack.pop();
    }
  }
}

/** The ID a call is about: its ID argument, or the ID alloc/find_by_spid returned. */
export const callSubject = (c: CoreCall, value: unknown): number | null => {
  if ("id" in c) return c.id;
  if ((c.op === "alloc" || c.op === "find_by_spid") && typeof value === "number") return value;
  return null;
};
