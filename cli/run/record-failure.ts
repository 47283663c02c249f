/**
 * Writing a new counterexample into the store: the chunk's failure becomes a trace file (decoded
 * through the codecs, never cast), named after the suite and seed.
 *
 * Rules:
 *  1. A failure without commands (nothing to replay) is never written: no empty traces.
 *  2. A store that cannot take the file is reported beside the counterexample, never instead of
 *     it: `recordFailures` returns the errors for the caller to print after the counterexample.
 */
import * as t from "io-ts";
import { Command } from "../../api/commands.js";
import { SystemCommand } from "../../hw-model/system/commands.js";
import { coreTrace, systemTrace } from "../../counterexamples/record.js";
import { StoreWriteError, writeTrace } from "../../counterexamples/store.js";
import { DEFAULT_CAPACITY } from "../../properties/core/suite.js";
import type { MergedSuite } from "./merge.js";

/** Write the failure of `m` (if any) to `dir`; the file written, or null. */
export const recordFailure = (dir: string, m: MergedSuite): string | null => {
  const f = m.failure;
  if (f === null || f.commands.length === 0) return null;
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

/** Rule 2: write every suite's failure; the files written (by suite) and the store errors. */
export const recordFailures = (dir: string, merged: readonly MergedSuite[]): { readonly written: ReadonlyArray<readonly [string, string]>; readonly errors: readonly string[] } => {
  const written: (readonly [string, string])[] = [];
  const errors: string[] = [];
  for (const m of merged) {
    try {
      const f = recordFailure(dir, m);
      if (f !== null) written.push([m.suite.name, f]);
    } catch (e) {
      if (!(e instanceof StoreWriteError)) throw e;
      errors.push(`the counterexample of suite ${m.suite.name} is not stored: ${e.message}`);
    }
  }
  return { written, errors };
};
