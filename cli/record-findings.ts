/**
 * Recording what `validate` found into the local findings store (cli/findings.ts): each suite's
 * counterexample becomes a trace on the same core (counterexamples/record.ts replays it there for
 * its values and violation), naming that core with paths relative to the store.
 */
import * as t from "io-ts";
import { Command } from "../api/commands.js";
import { SystemCommand } from "../hw-model/system/commands.js";
import { coreTrace, systemTrace } from "../counterexamples/record.js";
import type { Provenance } from "../counterexamples/record.js";
import { DEFAULT_CAPACITY } from "../properties/core/suite.js";
import { SYSTEM_CAPACITY } from "../api/constants.js";
import type { MergedSuite } from "./run/merge.js";
import type { CoreTarget, OpenedCore } from "./core-target.js";
import { sourceFor } from "./core-target.js";
import { findingName, writeFinding } from "./findings.js";

/** Write the counterexample of each suite that has one; the suites and the files written. */
export const recordFindings = (dir: string, merged: readonly MergedSuite[], target: CoreTarget, opened: OpenedCore): ReadonlyArray<readonly [string, string]> =>
  merged.flatMap((m): ReadonlyArray<readonly [string, string]> => {
    const f = m.failure;
    if (f === null || f.commands.length === 0) return [];
    const p: Provenance = {
      implementation: opened.who, seed: f.seed, path: f.path, expect: "pass",
      note: `found by ioasid-check validate --suite ${m.suite.name} on ${opened.who}`, core: sourceFor(target, opened, dir),
    };
    const name = findingName(m.suite.name, opened.who, f.seed);
    if (m.suite.name === "core") {
      const cmds = t.array(Command).decode(f.commands);
      return cmds._tag === "Left" ? [] : [[m.suite.name, writeFinding(dir, name, coreTrace(p, DEFAULT_CAPACITY, cmds.right, opened.make))]];
    }
    const cmds = t.array(SystemCommand).decode(f.commands);
    return cmds._tag === "Left" ? [] : [[m.suite.name, writeFinding(dir, name, systemTrace(p, cmds.right, opened.make, SYSTEM_CAPACITY))]];
  });
