/**
 * The search space of a driver set: sequences of concrete system commands from the initial
 * system (both VMs not yet created, both processes idle).
 *
 * Rules:
 *  1. A node is a command sequence that passed on the drivers (every step and the end-of-run
 *     teardown and leak check).
 *  2. Its state key is the canonical text of the whole spec-backed system after the sequence
 *     (the spec core, every driver, table, cache, WQ and pending work item): the system's
 *     observable state. The drivers under test are part of it, so no finer key is needed.
 *  3. Its next commands are the system alphabet (system-alphabet.ts; or the part of it the
 *     caller gives) resolved by the suite's resolveSystem against that system, without duplicates.
 *  4. A check is the suite's own replay (replaySystemCommands): spec twin and core under test,
 *     every property after every step, then teardown and the leak check.
 */
import type { SystemCommand } from "../../hw-model/system/commands.js";
import type { DriverSet } from "../../hw-model/system/drivers.js";
import { System } from "../../hw-model/system/system.js";
import { SpecCore } from "../../spec/spec-core.js";
import { createImplCore } from "../../impl/index.js";
import { resolveSystem } from "../../properties/system/resolve.js";
import { replaySystemCommands } from "../../properties/system/suite.js";
import type { Space } from "./search.js";
import { distinct } from "./search.js";
import { stateKey } from "./state-key.js";
import { SYSTEM_ALPHABET } from "./system-alphabet.js";
import type { AbstractSystemCommand } from "../../properties/system/resolve.js";

/** Rule 1. */
export interface SystemNode {
  readonly commands: readonly SystemCommand[];
}

/** The spec-backed system after `commands` (they passed, so nothing throws). */
const systemAfter = (drivers: DriverSet, commands: readonly SystemCommand[]): System => {
  const sys = new System(new SpecCore(), drivers);
  for (const c of commands) sys.apply(c);
  return sys;
};

/** The space of `drivers` over `alphabet` (rule 3). */
export const systemSpace = (drivers: DriverSet, alphabet: readonly AbstractSystemCommand[] = SYSTEM_ALPHABET): Space<SystemCommand, SystemNode> => {
  let last: { readonly node: SystemNode; readonly sys: System } | null = null;
  const after = (node: SystemNode): System => {
    if (last?.node !== node) last = { node, sys: systemAfter(drivers, node.commands) };
    return last.sys;
  };
  return {
  root: { commands: [] },
  commandsOf: (n) => n.commands,
  key: (n) => stateKey(after(n)),
  next: (n) => {
    const sys = after(n);
    return distinct(alphabet.map((a) => resolveSystem(sys, a)));
  },
  check: (n, c) => {
    const commands = [...n.commands, c];
    const r = replaySystemCommands(() => createImplCore(), drivers, commands);
    return r.failedStep < 0 && r.detail === "" ? { failure: null, child: { commands } } : { failure: { kind: r.kind, detail: r.detail }, child: null };
  },
  };
};
