/**
 * The search space of a core variant: sequences of concrete core commands from the spec's
 * initial state.
 *
 * Rules:
 *  1. A node is a command sequence that passed on the variant, with the suite's model after it
 *     (the spec world, following the variant's allocation choices, and the recent IDs).
 *  2. Its state key is the canonical text of the model: the spec core state, the handlers'
 *     reactions, the pending work and the recently reclaimed IDs. Its finer key (search.ts
 *     rule 3) is the canonical text of the variant's driver after the sequence: the core under
 *     test's own fields (bitmaps hashed), its queued work and its custom allocators.
 *  3. Its next commands are the core alphabet (core-alphabet.ts) resolved by the suite's resolve
 *     against the model, without duplicates.
 *  4. A check replays the sequence on a fresh core of the variant and runs the new command through
 *     the conformance step checker (properties/core/check-step.ts): a Divergence (or any throw)
 *     is a failure of its kind, as in replay.ts. The prefix already passed those checks, so it is
 *     only re-run, not re-checked.
 */
import type { Command } from "../../api/commands.js";
import type { IoasidCore } from "../../api/core.js";
import { CoreDriver } from "../../properties/core/driver.js";
import { checkedStep, Divergence } from "../../properties/core/check-step.js";
import type { Model } from "../../properties/core/model.js";
import { initialModel } from "../../properties/core/model.js";
import { resolve } from "../../properties/core/resolve.js";
import type { Space } from "./search.js";
import { distinct } from "./search.js";
import { stateKey } from "./state-key.js";
import { CORE_ALPHABET } from "./core-alphabet.js";

/** Rule 1. */
export interface CoreNode {
  readonly commands: readonly Command[];
  readonly model: Model;
}

/** A fresh driver of the variant after `commands` (they passed, so they only need to run). */
const driverAfter = (make: (capacity: number) => IoasidCore, capacity: number, commands: readonly Command[]): CoreDriver => {
  const driver = new CoreDriver(make(capacity));
  for (const p of commands) driver.run(p);
  return driver;
};

/** The space of a core made by `make` with `capacity`. */
export const coreSpace = (make: (capacity: number) => IoasidCore, capacity: number): Space<Command, CoreNode> => ({
  root: { commands: [], model: initialModel(capacity) },
  commandsOf: (n) => n.commands,
  key: (n) => stateKey({ world: n.model.world, recent: n.model.recent }),
  refine: (n) => stateKey(driverAfter(make, capacity, n.commands)),
  next: (n) => distinct(CORE_ALPHABET.map((a) => resolve(n.model, a))),
  check: (n, c) => {
    const driver = driverAfter(make, capacity, n.commands);
    try {
      const step = checkedStep(n.model, driver, c);
      return { failure: null, child: { commands: [...n.commands, c], model: step.model } };
    } catch (e) {
      const failure = e instanceof Divergence ? { kind: e.kind, detail: e.detail } : { kind: "error", detail: e instanceof Error ? e.message : String(e) };
      return { failure, child: null };
    }
  },
});
