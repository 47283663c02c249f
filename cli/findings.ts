/**
 * The local findings store: the counterexamples `validate` finds on a user's core, kept in the
 * user's working directory (`.ioasid-check/findings/`, like Hypothesis's `.hypothesis/`), apart
 * from the shipped corpus, which stays the tool's own regression fixtures.
 *
 * Rules:
 *  1. The default store is `.ioasid-check/findings/` under the working directory; `.ioasid-check/`
 *     gets a `.gitignore` of `*` when it is made, so it never shows in git. `--store DIR` puts
 *     the findings elsewhere (no `.gitignore` written there).
 *  2. A finding is written atomically (counterexamples/store.ts: temporary file, then rename),
 *     named `<suite>-<core>-<seed>.json`; it names its core (trace.ts rule 4) with paths relative
 *     to the store, and expects "pass": it is a bug to fix, and replays fail until it is fixed.
 *  3. Before new runs, the findings of the same target (the same module file, the same command
 *     line in the same directory, the same kernel C file and flags, or the same bundled core) are
 *     replayed on the opened core; each one that does not pass is reported. Other targets'
 *     findings are left alone; an unreadable file is an input error (TraceFileError).
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { listTraces, readTrace, writeTrace } from "../counterexamples/store.js";
import { asExpected, replayTrace } from "../counterexamples/replay.js";
import type { Trace } from "../counterexamples/trace.js";
import { coreSourceOf } from "../counterexamples/trace.js";
import type { CoreTarget, OpenedCore } from "./core-target.js";
import { targetOfTrace } from "./core-target.js";

/** Rule 1. */
export const DEFAULT_FINDINGS = join(".ioasid-check", "findings");

/** The store folder to use, made (with the `.gitignore` of rule 1 for the default). */
export const findingsDir = (store: string | undefined): string => {
  if (store !== undefined) return store;
  const top = resolve(".ioasid-check");
  if (!existsSync(top)) mkdirSync(top, { recursive: true });
  if (!existsSync(join(top, ".gitignore"))) writeFileSync(join(top, ".gitignore"), "*\n");
  return DEFAULT_FINDINGS;
};

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** Rule 3: does the trace in `file` belong to `target`? */
export const isFindingOf = (trace: Trace, file: string, target: CoreTarget): boolean => {
  const own = targetOfTrace(trace, file);
  if (own === null) return target.kind === "bundled" && coreSourceOf(trace).kind === "bundled" && trace.implementation === target.name;
  switch (own.kind) {
    case "module": return target.kind === "module" && resolve(target.path) === resolve(own.path);
    case "exec": return target.kind === "exec" && target.command === own.command && sameList(target.args, own.args) && resolve(target.cwd ?? ".") === resolve(own.cwd ?? ".");
    case "kernel-c": return target.kind === "kernel-c" && resolve(target.file) === resolve(own.file) && sameList(target.cflags, own.cflags);
    case "bundled": return false;
  }
};

/** A finding that does not pass on the core any more (or not yet). */
export interface FindingFailure {
  readonly file: string;
  readonly step: number;
  readonly detail: string;
}

/** Rule 3: replay the findings of `target` in `dir` on `opened` (null: the bundled core). */
export const replayFindings = (
  dir: string, target: CoreTarget, opened: OpenedCore | null, suites: readonly string[],
): { readonly replayed: number; readonly failures: readonly FindingFailure[] } => {
  const failures: FindingFailure[] = [];
  let replayed = 0;
  for (const file of listTraces(dir)) {
    const t = readTrace(file);
    if (!suites.includes(t.suite) || !isFindingOf(t, file, target)) continue;
    replayed++;
    const r = replayTrace(t, opened?.make);
    if (!asExpected(t, r)) failures.push({ file, step: r.step, detail: r.status === "fail" ? r.detail : `expected to fail, but it passes` });
  }
  return { replayed, failures };
};

/** Rule 2: the file name of a finding. */
export const findingName = (suite: string, who: string, seed: number | null, extra = ""): string => {
  const core = basename(who.split(" ").filter((w) => w !== "").at(-1) ?? who).replace(/\.[^.]*$/, "").replace(/[^A-Za-z0-9_-]+/g, "-").slice(0, 40) || "core";
  return `${suite}-${core}-${seed === null ? "noseed" : String(seed >>> 0)}${extra}.json`;
};

/** Rule 2: write a finding; the path written. */
export const writeFinding = (dir: string, name: string, trace: Trace): string => writeTrace(dir, name, trace);

