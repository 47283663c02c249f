/**
 * The implementations a trace can name: core implementations for core traces ("impl",
 * "impl-cyclic", "spec", "mutant:<name>") and driver sets for system traces ("impl" with the
 * correct drivers, "impl/drivers:<name>" with a broken driver).
 */
import type { IoasidCore } from "../api/core.js";
import { createImplCore } from "../impl/index.js";
import { SpecCore } from "../spec/spec-core.js";
import { CORE_MUTANTS } from "../properties/core/mutants/index.js";
import type { CoreConfig } from "../properties/core/suite.js";
import type { DriverSet } from "../hw-model/system/drivers.js";
import { CORRECT_DRIVERS } from "../hw-model/system/drivers.js";
import { DRIVER_MUTANTS } from "../properties/system/mutants/index.js";
import type { Trace } from "./trace.js";
import { coreSourceOf } from "./trace.js";

/** Makes a fresh core under test from its configuration. */
export type CoreFactory = (config: CoreConfig) => IoasidCore;

/** A core factory, or the reason the name is unknown. */
export const coreNamed = (name: string): ((c: CoreConfig) => IoasidCore) | string => {
  if (name === "impl") return (c) => createImplCore(c);
  if (name === "impl-cyclic") return (c) => createImplCore({ ...c, policy: "cyclic" });
  if (name === "spec") return (c) => new SpecCore(c);
  const m = CORE_MUTANTS.find((x) => `mutant:${x.name}` === name);
  if (m !== undefined) return (c) => m.make(c.capacity);
  return `unknown core implementation "${name}" (known: impl, impl-cyclic, spec, ${CORE_MUTANTS.map((x) => `mutant:${x.name}`).join(", ")})`;
};

/** The drivers of a system implementation name, or the reason it is unknown. */
export const driversNamed = (name: string): DriverSet | string => {
  if (name === "impl") return CORRECT_DRIVERS;
  const m = DRIVER_MUTANTS.find((x) => `impl/drivers:${x.name}` === name);
  if (m !== undefined) return m.drivers;
  return `unknown system implementation "${name}" (known: impl, ${DRIVER_MUTANTS.map((x) => `impl/drivers:${x.name}`).join(", ")})`;
};

/** Where a trace's core lives, in words: the bundled name, the module, the command, the file. */
export const describeCoreSource = (t: Trace): string => {
  const s = coreSourceOf(t);
  switch (s.kind) {
    case "bundled": return t.implementation;
    case "module": return `module ${s.path}${s.export === "createCore" ? "" : ` (export ${s.export})`}`;
    case "exec": return `process "${[s.command, ...s.args].join(" ")}" in ${s.cwd}`;
    case "kernel-c": return `kernel C file ${s.file}${s.cflags.length === 0 ? "" : ` (cflags ${s.cflags.join(" ")})`}`;
  }
};

/**
 * The factory of a trace's bundled core: for a core trace the core `implementation` names, for a
 * system trace the bundled optimized core; a user's core must be opened by the caller.
 */
export const bundledCoreOf = (t: Trace): CoreFactory | string => {
  if (coreSourceOf(t).kind !== "bundled") return `the trace ran on a user's core (${describeCoreSource(t)}): open it first (cli/core-target.ts), or give --impl, --exec or --kernel-c`;
  return t.suite === "core" ? coreNamed(t.implementation) : () => createImplCore();
};

/** The drivers of a system trace: the bundled ones its name says, or the correct ones on a user's core. */
export const driversOf = (t: Trace): DriverSet | string => (coreSourceOf(t).kind === "bundled" ? driversNamed(t.implementation) : CORRECT_DRIVERS);
