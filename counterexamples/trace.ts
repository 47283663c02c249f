/**
 * The counterexample file format: the single io-ts codec of a stored trace.
 *
 * Rules:
 *  1. `format` names the file kind and `version` its layout. Version 2 is written; version 1
 *     (no `core`, system traces without `capacity`) is still read and migrated on read
 *     (`migrateTrace`): nothing it said changes meaning. Other versions are refused.
 *  2. `values[i]` is the number step i returned on the recording implementation (an ID, a set
 *     handle), or null: a replay on another allocation policy renames those numbers. A core
 *     trace whose deferred work allocated (D31) also has `workValues[i]`: the IDs the `alloc`
 *     calls of step i's deferred work returned, in order (null for a refused one); absent when
 *     no step's work allocated (and in traces written before it existed: nothing to hand back).
 *  3. `expect` says what a replay must show: "pass" for a fixed bug or a correct trace, "fail"
 *     for a known broken variant kept as a regression of the suite itself.
 *  4. `core` says how to rebuild the core the trace ran on: a bundled one (named by
 *     `implementation`; the default when absent), an ES module (path and export name), a process
 *     (command line and working directory), or a kernel C file built with the kit (file, flags,
 *     working directory). Paths are relative to the trace file's folder, or absolute.
 *     `capacity` is the configuration the core was created with.
 *  5. `implementation` names the bundled core (core traces) or the bundled drivers (system
 *     traces: "impl", "impl/drivers:<name>"); for a user's core it is the name it was shown
 *     under, and a system trace runs the correct drivers on top of that core.
 */
import * as t from "io-ts";
import { Command } from "../api/commands.js";
import { SystemCommand } from "../hw-model/system/commands.js";
import { SYSTEM_CAPACITY } from "../api/constants.js";

export const TRACE_FORMAT = "ioasid-check-trace";
export const TRACE_VERSION = 2;
/** The versions a reader accepts (rule 1). */
export const READABLE_VERSIONS: readonly number[] = [1, TRACE_VERSION];

/** What went wrong at which step (0-based). */
export const Violation = t.readonly(t.type({ step: t.number, kind: t.string, detail: t.string }));
export type Violation = t.TypeOf<typeof Violation>;

/** How to rebuild the core a trace ran on (rule 4). */
export const CoreSource = t.union([
  t.readonly(t.type({ kind: t.literal("bundled") })),
  t.readonly(t.type({ kind: t.literal("module"), path: t.string, export: t.string })),
  t.readonly(t.type({ kind: t.literal("exec"), command: t.string, args: t.readonlyArray(t.string), cwd: t.string })),
  t.readonly(t.type({ kind: t.literal("kernel-c"), file: t.string, cflags: t.readonlyArray(t.string), cwd: t.string })),
]);
export type CoreSource = t.TypeOf<typeof CoreSource>;

const fields = {
  format: t.literal(TRACE_FORMAT),
  implementation: t.string,
  seed: t.union([t.number, t.null]),
  path: t.union([t.string, t.null]),
  values: t.readonlyArray(t.union([t.number, t.null])),
  violation: t.union([Violation, t.null]),
  expect: t.keyof({ pass: null, fail: null }),
  note: t.string,
};
const common = { ...fields, version: t.literal(TRACE_VERSION) };

/** The IDs each step's deferred work allocated (rule 2). */
export const WorkValues = t.readonlyArray(t.readonlyArray(t.union([t.number, t.null])));
export type WorkValues = t.TypeOf<typeof WorkValues>;

/** A trace of the core conformance suite. */
export const CoreTrace = t.readonly(t.intersection([
  t.type({ ...common, suite: t.literal("core"), capacity: t.number, commands: t.readonlyArray(Command) }),
  t.partial({ core: CoreSource, workValues: WorkValues }),
]));
export type CoreTrace = t.TypeOf<typeof CoreTrace>;

/** A trace of the system suite (`capacity` absent: SYSTEM_CAPACITY). */
export const SystemTrace = t.readonly(t.intersection([
  t.type({ ...common, suite: t.literal("system"), commands: t.readonlyArray(SystemCommand) }),
  t.partial({ core: CoreSource, capacity: t.number }),
]));
export type SystemTrace = t.TypeOf<typeof SystemTrace>;

/** Any stored trace. */
export const Trace = t.union([CoreTrace, SystemTrace]);
export type Trace = t.TypeOf<typeof Trace>;

/** Version 1 (rule 1): the same fields without `core`, system traces without `capacity`. */
export const TraceV1 = t.union([
  t.type({ ...fields, version: t.literal(1), suite: t.literal("core"), capacity: t.number, commands: t.readonlyArray(Command) }),
  t.type({ ...fields, version: t.literal(1), suite: t.literal("system"), commands: t.readonlyArray(SystemCommand) }),
]);
export type TraceV1 = t.TypeOf<typeof TraceV1>;

/** Rule 1: a version-1 trace as version 2 (the bundled core it named). */
export const migrateTrace = (v1: TraceV1): Trace =>
  v1.suite === "core" ? { ...v1, version: TRACE_VERSION, core: { kind: "bundled" } } : { ...v1, version: TRACE_VERSION, core: { kind: "bundled" }, capacity: SYSTEM_CAPACITY };

/** Decode a parsed trace of any readable version (the caller checked `format` and `version`). */
export const decodeAnyVersion = (raw: unknown): t.Validation<Trace> => {
  const v1 = TraceV1.decode(raw);
  if (v1._tag === "Right") return t.success(migrateTrace(v1.right));
  const isV1 = typeof raw === "object" && raw !== null && Reflect.get(raw, "version") === 1;
  return isV1 ? v1 : Trace.decode(raw);
};

/** The core a trace ran on (rule 4). */
export const coreSourceOf = (tr: Trace): CoreSource => tr.core ?? { kind: "bundled" };

/** The configuration a trace's core is created with (rule 4). */
export const capacityOf = (tr: Trace): number => (tr.suite === "core" ? tr.capacity : tr.capacity ?? SYSTEM_CAPACITY);
