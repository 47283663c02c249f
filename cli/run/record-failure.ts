/**
 * Writing a new counterexample into the store: the chunk's failure becomes a trace file (decoded
 * through the codecs, never cast), named after the suite and seed.
 */
import * as t from "io-ts";
import { Command } from "../../api/commands.js";
import { SystemCommand } from "../../hw-model/system/commands.js";
import { coreTrace, systemTrace } from "../../counterexamples/record.js";
import { writeTrace } from "../../counterexamples/store.js";
import { DEFAULT_CAPACITY } from "../../properties/core/suite.js";
import type { MergedSuite } from "./merge.js";

/** Write the failure of `m` (if any) to `dir`; the file written, or null. */
export const recordFailure = (dir: string, m: MergedSuite): string | null => {
  const f = m.failure;
  if (f === null) return null;
  const provenance = { implementation: "impl", seed: f.seed, path: f.path, expect: "pass" as const, note: `found by ioasid-check run --suite ${m.suite.name}` };
  const name = `${m.suite.name}-${f.seed >>> 0}.json`;
  if (m.suite.name === "core") {
    const cmds = t.array(Command).decode(f.commands);
    if (cmds._tag === "Left") return null;
    return writeTrace(dir, name, coreTrace(provenance, DEFAULT_CAPACITY, cmds.right));
  }
  const cmds = t.array(SystemCommand).decode(f.commands);
  if (cmds._tag === "Left") return null;
  return writeTrace(dir, name, systemTrace(provenance, cmds.right));
};
