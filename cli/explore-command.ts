/**
 * `ioasid-check explore`: check every command sequence of a small scope, breadth-first, on the
 * spec alone or on a core under test (explore/), and print what was explored and the first
 * counterexample, which is a shortest one of the scope.
 *
 * Rules:
 *  1. The target: none, or `--impl spec`, explores the spec's own reachable space; `--impl NAME`
 *     a bundled core (impl, impl-cyclic, mutant:NAME); `--impl MODULE` a JavaScript module
 *     exporting createCore (targets/module); `--exec "COMMAND ARGS"` a process speaking the exec
 *     protocol (targets/exec); `--kernel-c FILE [--cflags "FLAGS"]` a kernel C file built with the
 *     kit and run as such a process (targets/kernel-c). A target that cannot be started or
 *     built is an input error (exit 2).
 *  2. `--scope NAME` picks a named scope (explore/scope.ts), `--depth N` overrides its depth,
 *     `--time SECONDS` bounds the search (it then says how deep it is complete).
 *  3. Output: the scope, one line per level, the totals (distinct states, transitions, depth,
 *     states per second), then the counterexample with its failure class, or none; `--json`
 *     prints the ExploreResult codec's encoding instead. Without --json, each level is also
 *     reported on stderr as it completes.
 *  4. `--out FILE` writes the counterexample as a trace file that replay, shrink and show read;
 *     a trace of a user's core records how to rebuild it (cli/core-target.ts) and expects
 *     "pass", one of the spec or a bundled core names it and expects "fail".
 *  5. Exit 0 without a counterexample, 1 with one, 2 for usage and input errors.
 *  6. `--html FILE` also writes the HTML report (report/build-explore.ts): the exploration
 *     section and the counterexample's timeline.
 */
import { parseArgs } from "node:util";
import { basename, dirname } from "node:path";
import { formatCommand, formatOutcome } from "../properties/core/format.js";
import { exploreCore } from "../explore/core-explore.js";
import { exploreSpec } from "../explore/spec-explore.js";
import { DEFAULT_SCOPE, scopeNamed } from "../explore/scope.js";
import type { Scope } from "../explore/scope.js";
import { ExploreResult } from "../explore/result.js";
import type { ExploreLevel } from "../explore/result.js";
import { coreNamed } from "../counterexamples/implementations.js";
import { openTarget, sourceFor } from "./core-target.js";
import { coreTrace } from "../counterexamples/record.js";
import { writeTrace } from "../counterexamples/store.js";
import { exploredClass } from "../counterexamples/shrink/yardstick.js";
import { joinCflags, splitCommand, UsageError } from "./args.js";
import { exploreReport } from "../report/index.js";
import { commandLine, writeHtmlReport } from "./html-report.js";

/** A parsed `explore` request. */
export interface ExploreRequest {
  readonly target: { readonly kind: "spec" } | { readonly kind: "bundled"; readonly name: string } | { readonly kind: "module"; readonly path: string }
    | { readonly kind: "exec"; readonly command: string; readonly args: readonly string[]; readonly timeoutMs: number }
    | { readonly kind: "kernel-c"; readonly file: string; readonly cflags: readonly string[]; readonly timeoutMs: number };
  readonly scope: Scope;
  readonly depth: number;
  readonly timeMs?: number;
  readonly out?: string;
  readonly json: boolean;
  readonly html?: string;
}

const positiveInt = (name: string, text: string | undefined): number | undefined => {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < 1) throw new UsageError(`--${name} expects an integer >= 1, got "${text}"`);
  return n;
};

/** Rules 1, 2 and 4: argv after `explore` into a request, or a UsageError. */
export const parseExplore = (argv: readonly string[]): ExploreRequest => {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...joinCflags(argv)], allowPositionals: true,
      options: {
        impl: { type: "string" }, exec: { type: "string" }, "kernel-c": { type: "string" }, cflags: { type: "string" },
        timeout: { type: "string" }, scope: { type: "string" },
        depth: { type: "string" }, time: { type: "string" }, out: { type: "string" }, json: { type: "boolean" }, html: { type: "string" },
      },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const v = parsed.values;
  if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument "${parsed.positionals.join(" ")}"`);
  const kernelC = v["kernel-c"];
  if ([v.impl, v.exec, kernelC].filter((x) => x !== undefined).length > 1) throw new UsageError("explore takes one target: --impl, --exec or --kernel-c");
  if (v.cflags !== undefined && kernelC === undefined) throw new UsageError("--cflags goes with --kernel-c FILE");
  const scope = scopeNamed(v.scope ?? DEFAULT_SCOPE);
  if (typeof scope === "string") throw new UsageError(scope);
  const time = v.time;
  if (time !== undefined && !(/^\d+(\.\d+)?$/.test(time) && Number(time) > 0)) throw new UsageError(`--time expects a number of seconds > 0, got "${time}"`);
  const words = v.exec === undefined ? [] : splitCommand(v.exec);
  const [command, ...args] = words;
  if (v.exec !== undefined && command === undefined) throw new UsageError("--exec expects a command");
  const timeoutMs = positiveInt("timeout", v.timeout) ?? 5000;
  const html = v.html;
  if (html !== undefined && html.trim() === "") throw new UsageError("--html expects a file name");
  const target: ExploreRequest["target"] = kernelC !== undefined ? { kind: "kernel-c", file: kernelC, cflags: splitCommand(v.cflags ?? ""), timeoutMs }
    : v.exec !== undefined ? { kind: "exec", command: command ?? "", args, timeoutMs }
    : v.impl === undefined || v.impl === "spec" ? { kind: "spec" }
    : typeof coreNamed(v.impl) !== "string" ? { kind: "bundled", name: v.impl }
    : { kind: "module", path: v.impl };
  return {
    target, scope, depth: positiveInt("depth", v.depth) ?? scope.depth, json: v.json === true,
    ...(time === undefined ? {} : { timeMs: Number(time) * 1000 }), ...(v.out === undefined ? {} : { out: v.out }),
    ...(html === undefined ? {} : { html }),
  };
};

const count = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

const describeScope = (s: Scope): string =>
  [count(s.sets, "set"), `IDs 1..${s.ids}`, `capacity ${s.capacity}`, count(s.spids, "SPID"), count(s.mms, "mm"), count(s.notifiers, "notifier"),
    count(s.priorities, "priority", "priorities"), `${s.reactions} handlers`, count(s.allocators, "custom allocator")].join(", ");

const targetName = (t: ExploreRequest["target"]): string =>
  t.kind === "spec" ? "spec" : t.kind === "bundled" ? t.name : t.kind === "module" ? t.path : t.kind === "kernel-c" ? t.file : [t.command, ...t.args].join(" ");

const render = (r: ExploreResult, print: (s: string) => void): void => {
  print(`explore: scope ${r.scope.name} (${describeScope(r.scope)}) on ${r.target}, to depth ${r.maxDepth}`);
  for (const l of r.levels) print(`  depth ${l.depth}: +${l.newStates} states, ${l.transitions} transitions, ${(l.ms / 1000).toFixed(1)} s`);
  const stop = r.stoppedBy === "time" ? "stopped by the time budget; " : r.stoppedBy === "states" ? "stopped by the state bound; " : r.stoppedBy === "exhausted" ? "every reachable state explored; " : "";
  print(`${stop}depth ${r.depth} complete: ${r.distinctStates} distinct states, ${r.transitions} transitions in ${(r.ms / 1000).toFixed(1)} s (${Math.round(r.statesPerSecond).toLocaleString("en-US")} states/s; ${(r.cpuMs / 1000).toFixed(1)} s CPU)`);
  if (r.unexplored.length > 0) print(`command kinds not explored (an argument no rule enumerates): ${r.unexplored.join(", ")}`);
  const cx = r.counterexample;
  if (cx === null) {
    print(`no counterexample: every sequence of at most ${r.depth} commands of the scope passes`);
    return;
  }
  print(`COUNTEREXAMPLE of ${cx.commands.length} commands (the shortest in this scope: every sequence of at most ${r.depth} commands passes)`);
  cx.commands.forEach((c, i) => print(`${i === cx.commands.length - 1 ? ">>" : "  "} ${String(i + 1).padStart(2)}. ${formatCommand(c)}`));
  print(`kind: ${cx.kind}${cx.class === null ? "" : `\nclass: ${cx.class}`}`);
  if (cx.expected !== null && cx.actual !== null) print(`expected\n${formatOutcome(cx.expected)}\nactual\n${formatOutcome(cx.actual)}`);
  else print(cx.detail);
};

/** Rules 1 to 5. */
export const exploreCommand = async (argv: readonly string[], print: (s: string) => void): Promise<number> => {
  const req = parseExplore(argv);
  const progress = (l: ExploreLevel, states: number) => {
    if (!req.json) process.stderr.write(`depth ${l.depth} done: +${l.newStates} states (${states} in all), ${l.transitions} transitions, ${(l.ms / 1000).toFixed(1)} s\n`);
  };
  const limits = { maxDepth: req.depth, onLevel: progress, ...(req.timeMs === undefined ? {} : { maxMs: req.timeMs }) };
  const t = req.target;
  const opened = t.kind === "spec" ? null : await openTarget(t);
  let result: ExploreResult;
  let written: string | null = null;
  try {
    result = opened === null ? exploreSpec(req.scope, limits) : exploreCore({ name: targetName(t), make: opened.make }, req.scope, { ...limits, classify: exploredClass });
    const cx = result.counterexample;
    if (cx !== null && req.out !== undefined) {
      // A user's core is recorded with how to rebuild it (rule 4) and expects "pass": a bug to fix.
      const note = `shortest counterexample of explore scope ${req.scope.name}`;
      const own = t.kind === "module" || t.kind === "exec" || t.kind === "kernel-c";
      const p = own && opened !== null
        ? { implementation: opened.who, seed: null, path: null, expect: "pass" as const, note, core: sourceFor(t, opened, dirname(req.out)) }
        : { implementation: t.kind === "bundled" ? t.name : "spec", seed: null, path: null, expect: "fail" as const, note };
      written = writeTrace(dirname(req.out), basename(req.out), coreTrace(p, req.scope.capacity, cx.commands, own ? opened?.make : undefined));
    }
  } finally {
    opened?.close();
  }
  if (req.json) print(JSON.stringify(ExploreResult.encode(result), null, 2));
  else render(result, print);
  const cx = result.counterexample;
  if (written !== null && !req.json) print(`written to ${written}`);
  const code = cx === null ? 0 : 1;
  if (req.html === undefined) return code;
  const data = exploreReport({ command: commandLine(process.argv.slice(2)), result, scope: `${req.scope.name} (${describeScope(req.scope)})` });
  return writeHtmlReport(req.html, data, code, print, req.json);
};
