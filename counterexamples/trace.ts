/**
 * The counterexample file format: the single io-ts codec of a stored trace.
 *
 * Rules:
 *  1. `format` names the file kind and `version` its layout; a reader refuses other versions.
 *  2. `values[i]` is the number step i returned on the recording implementation (an ID, a set
 *     handle), or null: a replay on another allocation policy renames those numbers.
 *  3. `expect` says what a replay must show: "pass" for a fixed bug or a correct trace, "fail"
 *     for a known broken variant kept as a regression of the suite itself.
 */
import * as t from "io-ts";
import { Command } from "../api/commands.js";
import { SystemCommand } from "../hw-model/system/commands.js";

export const TRACE_FORMAT = "ioasid-check-trace";
export const TRACE_VERSION = 1;

/** What went wrong at which step (0-based). */
export const Violation = t.readonly(t.type({ step: t.number, kind: t.string, detail: t.string }));
export type Violation = t.TypeOf<typeof Violation>;

const common = {
  format: t.literal(TRACE_FORMAT),
  version: t.literal(TRACE_VERSION),
  implementation: t.string,
  seed: t.union([t.number, t.null]),
  path: t.union([t.string, t.null]),
  values: t.readonlyArray(t.union([t.number, t.null])),
  violation: t.union([Violation, t.null]),
  expect: t.keyof({ pass: null, fail: null }),
  note: t.string,
};

/** A trace of the core conformance suite. */
export const CoreTrace = t.readonly(t.type({ ...common, suite: t.literal("core"), capacity: t.number, commands: t.readonlyArray(Command) }));
export type CoreTrace = t.TypeOf<typeof CoreTrace>;

/** A trace of the system suite. */
export const SystemTrace = t.readonly(t.type({ ...common, suite: t.literal("system"), commands: t.readonlyArray(SystemCommand) }));
export type SystemTrace = t.TypeOf<typeof SystemTrace>;

/** Any stored trace. */
export const Trace = t.union([CoreTrace, SystemTrace]);
export type Trace = t.TypeOf<typeof Trace>;
