/**
 * The core a command runs on: named on the command line (--impl, --exec, --kernel-c) or by a
 * trace (trace.ts rule 4), opened into a factory, and recorded back into the traces it finds.
 *
 * Rules:
 *  1. A target that cannot be opened (an unknown bundled name, a module without createCore, a
 *     process that never says ready, a kernel C file that does not compile) throws before any
 *     trace runs: UsageError, ModuleError, ExecFailure or KernelCError, one line each (exit 2).
 *     A process is started once here for that reason.
 *  2. A trace's paths are relative to the trace file's folder (or absolute); a target's paths on
 *     the command line are relative to the working directory. `sourceFor` writes them relative to
 *     the folder the trace is written to, so a findings store moved with its project still works.
 *  3. A process runs in its recorded working directory (through `sh -c 'cd DIR && exec ...'` when
 *     that is not the current one), so relative arguments mean what they meant when it was found.
 *  4. `close()` ends a process; it is safe to call twice.
 */
import { dirname, isAbsolute, relative, resolve } from "node:path";
import type { CoreSource, Trace } from "../counterexamples/trace.js";
import { coreSourceOf } from "../counterexamples/trace.js";
import type { CoreFactory } from "../counterexamples/implementations.js";
import { bundledCoreOf, coreNamed, describeCoreSource } from "../counterexamples/implementations.js";
import { ModuleSession } from "../targets/module/module-session.js";
import { ExecSession } from "../targets/exec/index.js";
import { buildKernelC } from "../targets/kernel-c/index.js";
import { UsageError } from "./args.js";
import { DEFAULT_CAPACITY } from "../properties/core/suite.js";

/** A core named on the command line or rebuilt from a trace (paths as given, rule 2). */
export type CoreTarget =
  | { readonly kind: "bundled"; readonly name: string }
  | { readonly kind: "module"; readonly path: string; readonly timeoutMs?: number }
  | { readonly kind: "exec"; readonly command: string; readonly args: readonly string[]; readonly timeoutMs: number; readonly cwd?: string }
  | { readonly kind: "kernel-c"; readonly file: string; readonly cflags: readonly string[]; readonly timeoutMs: number; readonly cwd?: string };

/** An opened core. */
export interface OpenedCore {
  readonly make: CoreFactory;
  /** How it is shown: the module path, the command line, the file, the bundled name. */
  readonly who: string;
  /** The export a module's factory came from ("createCore" or "default"). */
  readonly exportName: string;
  close(): void;
}

/** The default answer timeout of a process (the same as validate's). */
export const DEFAULT_TIMEOUT_MS = 5000;

/** Rule 3: the command line that runs `command args` in `cwd`. */
const inDirectory = (command: string, args: readonly string[], cwd: string | undefined): { readonly command: string; readonly args: readonly string[] } =>
  cwd === undefined || resolve(cwd) === process.cwd() ? { command, args } : { command: "sh", args: ["-c", 'cd "$0" && exec "$@"', resolve(cwd), command, ...args] };

/** Open a target (rule 1). */
export const openTarget = async (t: CoreTarget): Promise<OpenedCore> => {
  switch (t.kind) {
    case "bundled": {
      const make = coreNamed(t.name);
      if (typeof make === "string") throw new UsageError(make);
      return { make, who: t.name, exportName: "", close: () => {} };
    }
    case "module": {
      // The module runs in a worker thread with a per-call timeout (targets/module/module-session.ts).
      const session = ModuleSession.open(t.path, { timeoutMs: t.timeoutMs ?? DEFAULT_TIMEOUT_MS });
      return { make: session.factory(), who: t.path, exportName: session.exportName, close: () => session.close() };
    }
    case "exec":
    case "kernel-c": {
      // A kernel C file is built in its recorded directory (its flags' relative paths mean
      // what they meant there); the file itself is named as the working directory sees it.
      const workDir = t.kind === "kernel-c" && t.cwd !== undefined ? resolve(t.cwd) : process.cwd();
      const run = t.kind === "exec" ? inDirectory(t.command, t.args, t.cwd)
        : { command: buildKernelC({ file: workDir === process.cwd() ? t.file : resolve(t.file), cflags: t.cflags }, workDir).binary, args: [] };
      const session = new ExecSession(run.command, run.args, { timeoutMs: t.timeoutMs });
      let make: CoreFactory;
      try {
        make = session.factory({ capacity: DEFAULT_CAPACITY });
      } catch (e) {
        session.close();
        throw e;
      }
      const who = t.kind === "exec" ? [t.command, ...t.args].join(" ") : t.file;
      return { make, who, exportName: "", close: () => session.close() };
    }
  }
};

/** A trace's path as the working directory sees it: relative when below it, else absolute. */
const from = (base: string, p: string): string => {
  const abs = isAbsolute(p) ? p : resolve(base, p);
  const rel = relative(process.cwd(), abs);
  return rel === "" ? "." : rel.startsWith("..") || isAbsolute(rel) ? abs : rel;
};

/** The target a trace names (rule 2), or null for a bundled core (built by replay.ts itself). */
export const targetOfTrace = (trace: Trace, traceFile: string, timeoutMs = DEFAULT_TIMEOUT_MS): CoreTarget | null => {
  const base = dirname(resolve(traceFile));
  const s = coreSourceOf(trace);
  switch (s.kind) {
    case "bundled": return null;
    case "module": return { kind: "module", path: from(base, s.path), timeoutMs };
    case "exec": return { kind: "exec", command: s.command, args: s.args, timeoutMs, cwd: from(base, s.cwd) };
    case "kernel-c": return { kind: "kernel-c", file: from(base, s.file), cflags: s.cflags, timeoutMs, cwd: from(base, s.cwd) };
  }
};

const rel = (dir: string, p: string): string => relative(resolve(dir), resolve(p)) || ".";

/** How to record `t` (opened as `opened`) in a trace written to folder `dir` (rule 2). */
export const sourceFor = (t: CoreTarget, opened: OpenedCore, dir: string): CoreSource => {
  switch (t.kind) {
    case "bundled": return { kind: "bundled" };
    case "module": return { kind: "module", path: rel(dir, t.path), export: opened.exportName };
    case "exec": return { kind: "exec", command: t.command, args: t.args, cwd: rel(dir, t.cwd ?? process.cwd()) };
    case "kernel-c": return { kind: "kernel-c", file: rel(dir, t.file), cflags: t.cflags, cwd: rel(dir, t.cwd ?? process.cwd()) };
  }
};

/** The core a trace runs on, opened. */
export interface TraceCore {
  /** The factory, or undefined for a bundled core (replay.ts builds it). */
  readonly make: CoreFactory | undefined;
  readonly who: string;
  /** What was opened (null: the trace's bundled core), to record it again (`sourceFor`). */
  readonly target: CoreTarget | null;
  readonly opened: OpenedCore | null;
  close(): void;
}

/**
 * The core to run `trace` on: `override` (opened by the caller, with its target) when given,
 * else the trace's own, opened here; the caller closes it.
 */
export const coreForTrace = async (
  trace: Trace, traceFile: string, override: { readonly target: CoreTarget; readonly opened: OpenedCore } | null, timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<TraceCore> => {
  if (override !== null) return { make: override.opened.make, who: override.opened.who, target: override.target, opened: override.opened, close: () => {} };
  const target = targetOfTrace(trace, traceFile, timeoutMs);
  if (target === null) {
    const bundled = bundledCoreOf(trace);
    if (typeof bundled === "string") throw new UsageError(`${traceFile}: ${bundled}`);
    return { make: undefined, who: trace.implementation, target: null, opened: null, close: () => {} };
  }
  const opened = await openTarget(target).catch((e: unknown) => {
    throw e instanceof Error ? Object.assign(e, { message: `${traceFile}: its core (${describeCoreSource(trace)}): ${e.message}` }) : e;
  });
  return { make: opened.make, who: opened.who, target, opened, close: () => opened.close() };
};

/** Open the command line's core, if one was given. */
export const openOverride = async (core: CoreTarget | undefined): Promise<{ readonly target: CoreTarget; readonly opened: OpenedCore } | null> =>
  core === undefined ? null : { target: core, opened: await openTarget(core) };

/**
 * `trace` as it should be written to folder `dir` after running on `core`: its core source
 * rebased to `dir` (rule 2), and for another core than its own, that core and its name.
 */
export const retarget = (trace: Trace, core: TraceCore, dir: string): Trace => {
  if (core.target === null || core.opened === null) return trace;
  const source = sourceFor(core.target, core.opened, dir);
  return core.target.kind === "bundled" ? { ...trace, core: source, implementation: core.target.name } : { ...trace, core: source, implementation: core.who };
};
