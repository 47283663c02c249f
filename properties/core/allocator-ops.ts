/**
 * Custom allocator ops the suite hands to a core under test. Ops registered under the same
 * functions key share the same function objects, hence (by the interface's rule) one ID space.
 * Policy: the highest free ID in range, unlike the default allocator's usual lowest-first, so a
 * core that ignores the custom allocator diverges at once.
 */
import type { AllocatorOps } from "../../api/core.js";
import { INVALID_IOASID } from "../../api/constants.js";
import { AllocatorLedger } from "./allocator-ledger.js";

interface SharedFns {
  readonly alloc: (min: number, max: number) => number;
  readonly free: (id: number) => void;
}

/** The functions of each key, and the last answer any of them gave (the allocator's choice). */
export class AllocatorFns {
  private readonly byKey = new Map<string, SharedFns>();
  /** The answer of the most recent alloc call, cleared by `takeAnswer`. */
  private answer: number | undefined;
  /** What each space handed out and got back (allocator-ledger.ts). */
  readonly ledger = new AllocatorLedger();

  private fnsFor(key: string): SharedFns {
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const given = new Set<number>();
    const fns: SharedFns = {
      alloc: (min, max) => {
        let id = INVALID_IOASID;
        for (let x = Math.floor(max); x >= min; x--) {
          if (!given.has(x)) {
            id = x;
            break;
          }
        }
        if (id !== INVALID_IOASID) {
          given.add(id);
          this.ledger.handedOut(key, id);
        }
        this.answer = id;
        return id;
      },
      free: (id) => {
        this.ledger.handedBack(key, id);
        given.delete(id);
      },
    };
    this.byKey.set(key, fns);
    return fns;
  }

  /** Ops named `name` using the functions of `key`. */
  ops(name: string, key: string): AllocatorOps {
    const fns = this.fnsFor(key);
    return { name, alloc: fns.alloc, free: fns.free };
  }

  /** The last answer given since the previous call, if any. */
  takeAnswer(): number | undefined {
    const a = this.answer;
    this.answer = undefined;
    return a;
  }
}
