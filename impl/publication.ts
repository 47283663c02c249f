/**
 * Publication (layer 3 of ImplCore, see core-state.ts): delivering one event to its recipients.
 *
 * Rules:
 *  1. The recipients of an event (D25) are the owner set's chain plus, for FREE, BIND and
 *     UNBIND, the global chain (`withGlobal`); both chains are kept in delivery order and are
 *     merged per event without sorting (notifiers.ts).
 *  2. Chains are copy-on-write, so the arrays captured at publication are the event's fixed
 *     recipient list, whatever the handlers register or remove meanwhile.
 *  3. Each handler runs with `depth` raised (handler context, D27) and receives the finished core
 *     (`handlerCore`). A handler that throws is caught and counted (`handlerFaults`); delivery
 *     goes on with the next recipient; try/finally keeps `depth` exact.
 *  4. An event without recipients costs two length tests: no record lookup, no allocation.
 */
import type { IoasidCore } from "../api/core.js";
import type { IoasidEvent } from "../api/notification.js";
import { AllocatorCalls } from "./allocator-calls.js";
import { precedes, type NotifierEntry } from "./notifiers.js";
import type { SetRec } from "./sets.js";

const EMPTY_CHAIN: readonly NotifierEntry[] = [];

export abstract class Publication extends AllocatorCalls {
  /** The core handed to handlers: the ImplCore (or subclass) this layer is part of. */
  protected abstract handlerCore(): IoasidCore;

  /** Deliver `event` about `id` (owned by `owner`) to its recipients, in delivery order. */
  protected publish(event: IoasidEvent, id: number, owner: SetRec, withGlobal: boolean): void {
    const a = withGlobal ? this.notifiers.global : EMPTY_CHAIN;
    const b = owner.chain;
    this.faults.disarm(); // api/faults.ts rule 2: nothing fails after the first delivery
    if (a.length === 0 && b.length === 0) return;
    const sp = this.ids.spidOf(id);
    const spid = sp === 0 ? null : sp;
    const setHandle = owner.handle;
    const core = this.handlerCore();
    let i = 0;
    let j = 0;
    for (;;) {
      const x = a[i];
      const y = b[j];
      let e: NotifierEntry;
      if (x !== undefined && (y === undefined || precedes(x, y))) {
        e = x;
        i++;
      } else if (y !== undefined) {
        e = y;
        j++;
      } else {
        return;
      }
      this.depth++;
      try {
        e.handler({ event, id, spid, set: setHandle, notifier: e.name }, core);
      } catch {
        this.handlerFaults++;
      } finally {
        this.depth--;
      }
    }
  }
}
