/**
 * Command-line parsing: argv into a typed request, or a UsageError naming what is wrong.
 */
import { parseArgs } from "node:util";
import { SUITES } from "../properties/suites.js";
import type { CoreTarget } from "./core-target.js";
import { coreNamed } from "../counterexamples/implementations.js";
import { CHUNKS } from "./run/plan.js";

/** The default folder of stored counterexamples. */
export const DEFAULT_STORE = "counterexamples/corpus";

/** A parsed request. */
export type Request =
  | { readonly kind: "help" }
  | {
      readonly kind: "run"; readonly suites: readonly string[]; readonly runs?: number; readonly timeMs?: number; readonly seed?: number;
      readonly path?: string; readonly workers?: number; readonly shard?: { readonly k: number; readonly n: number };
      readonly json: boolean; readonly store: string; readonly out?: string; readonly html?: string;
    }
  | { readonly kind: "replay"; readonly files: readonly string[]; readonly json: boolean; readonly core?: CoreTarget; readonly timeoutMs?: number }
  | { readonly kind: "merge"; readonly files: readonly string[]; readonly json: boolean }
  | { readonly kind: "show"; readonly file: string; readonly format: "table" | "mermaid" | "json" | "html"; readonly core?: CoreTarget; readonly timeoutMs?: number }
  | { readonly kind: "shrink"; readonly file: string; readonly out?: string; readonly json: boolean; readonly core?: CoreTarget; readonly timeoutMs?: number }
  | {
      readonly kind: "validate";
      readonly target: { readonly kind: "module"; readonly path: string; readonly timeoutMs: number } | { readonly kind: "exec"; readonly command: string; readonly args: readonly string[]; readonly timeoutMs: number } | { readonly kind: "mutants" }
        | { readonly kind: "kernel-c"; readonly file: string; readonly cflags: readonly string[]; readonly timeoutMs: number };
      readonly suites: readonly ("core" | "system")[]; readonly runs?: number; readonly seed?: number; readonly json: boolean;
      readonly html?: string; readonly store?: string; readonly report?: string;
    };

/** A usage error: the message says what is wrong. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

const integer = (name: string, text: string | undefined, min: number): number | undefined => {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(n) || n < min) throw new UsageError(`--${name} expects an integer >= ${min}, got "${text}"`);
  return n;
};

/** The seeds fast-check takes: 32-bit, written signed or unsigned. */
const SEED_MIN = -(2 ** 31);
const SEED_MAX = 2 ** 32 - 1;

const seedOf = (text: string | undefined): number | undefined => {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^-?\d+$/.test(text) || !(n >= SEED_MIN && n <= SEED_MAX)) throw new UsageError(`--seed expects an integer from ${SEED_MIN} to ${SEED_MAX}, got "${text}"`);
  return n;
};

/** A --path value: fast-check's path (numbers joined by ':'), on system and core a `~` and the commands' replay path. */
const pathOf = (text: string | undefined): string | undefined => {
  if (text === undefined) return undefined;
  if (!/^\d+(:\d+)*(~[A-Za-z0-9+/=:]*)?$/.test(text)) throw new UsageError(`--path expects the path a counterexample printed (like "3:0:1~AB:c"), got "${text}"`);
  return text;
};

const seconds = (text: string | undefined): number | undefined => {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(n > 0)) throw new UsageError(`--time expects a number of seconds > 0, got "${text}"`);
  return n * 1000;
};

const shardOf = (text: string | undefined): { readonly k: number; readonly n: number } | undefined => {
  if (text === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const k = Number(m?.[1]);
  const n = Number(m?.[2]);
  if (m === null || !(n >= 1 && k >= 1 && k <= n)) throw new UsageError(`--shard expects k/n with 1 <= k <= n, got "${text}"`);
  if (n > CHUNKS) throw new UsageError(`--shard expects at most ${CHUNKS} shards (the chunks of a suite), got "${text}"`);
  return { k, n };
};

const files = (command: string, rest: readonly string[], atLeast: number): readonly string[] => {
  if (rest.length < atLeast) throw new UsageError(`${command} expects ${atLeast === 1 ? "a trace file" : "files"}`);
  return rest;
};

/** The --html file, refused with `refusal` when it does not apply; an empty name is refused. */
const htmlFile = (text: string | undefined, refusal: string | null): string | undefined => {
  if (text === undefined) return undefined;
  if (refusal !== null) throw new UsageError(refusal);
  if (text.trim() === "") throw new UsageError("--html expects a file name");
  return text;
};

/** Split a command line into words: whitespace separates, single or double quotes group. */
export const splitCommand = (line: string): readonly string[] => {
  const words: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(line); m !== null; m = re.exec(line)) words.push(m[1] ?? m[2] ?? m[3] ?? "");
  return words;
};

/** Does `option` take the next word as its value even when it starts with a dash? */
const joinsNext = (option: string, next: string | undefined): boolean =>
  next !== undefined && (option === "--cflags" || (/^--[a-z][a-z-]*$/.test(option) && /^-\d/.test(next)));

/**
 * `--cflags -O2 -g` as `--cflags=-O2 -g` (compiler flags start with a dash), and `--seed -5` as
 * `--seed=-5` (a negative number is a value, not an option): the printed replay lines use both.
 */
export const joinCflags = (argv: readonly string[]): readonly string[] => {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] ?? "";
    const next = argv[i + 1];
    if (joinsNext(word, next)) {
      out.push(`${word}=${next ?? ""}`);
      i++;
    } else out.push(word);
  }
  return out;
};

/**
 * The core `replay`, `shrink` and `show` run a trace on instead of the trace's own: --impl
 * (a bundled name, or a module), --exec or --kernel-c [--cflags]; and --timeout for a process.
 */
const traceCoreFlags = (
  command: string,
  v: { readonly impl?: string | undefined; readonly exec?: string | undefined; readonly "kernel-c"?: string | undefined; readonly cflags?: string | undefined; readonly timeout?: string | undefined },
): { readonly core?: CoreTarget; readonly timeoutMs?: number } => {
  const kernelC = v["kernel-c"];
  if ([v.impl, v.exec, kernelC].filter((x) => x !== undefined).length > 1) throw new UsageError(`${command} takes one core: --impl, --exec or --kernel-c`);
  if (v.cflags !== undefined && kernelC === undefined) throw new UsageError("--cflags goes with --kernel-c FILE");
  const timeoutMs = integer("timeout", v.timeout, 1);
  const words = v.exec === undefined ? [] : splitCommand(v.exec);
  const [cmd, ...cmdArgs] = words;
  if (v.exec !== undefined && cmd === undefined) throw new UsageError("--exec expects a command");
  const timeout = timeoutMs ?? 5000;
  const core: CoreTarget | undefined = kernelC !== undefined ? { kind: "kernel-c", file: kernelC, cflags: splitCommand(v.cflags ?? ""), timeoutMs: timeout }
    : cmd !== undefined ? { kind: "exec", command: cmd, args: cmdArgs, timeoutMs: timeout }
    : v.impl === undefined ? undefined
    : typeof coreNamed(v.impl) !== "string" ? { kind: "bundled", name: v.impl } : { kind: "module", path: v.impl, timeoutMs: timeout };
  return { ...(core === undefined ? {} : { core }), ...(timeoutMs === undefined ? {} : { timeoutMs }) };
};

/** Parse argv (without node and the script). */
export const parseRequest = (argv: readonly string[]): Request => {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...joinCflags(argv)],
      allowPositionals: true,
      options: {
        suite: { type: "string", multiple: true }, runs: { type: "string" }, time: { type: "string" }, seed: { type: "string" },
        path: { type: "string" }, workers: { type: "string" }, shard: { type: "string" }, json: { type: "boolean" },
        store: { type: "string" }, out: { type: "string" }, format: { type: "string" }, help: { type: "boolean" },
        impl: { type: "string" }, exec: { type: "string" }, timeout: { type: "string" }, mutants: { type: "boolean" },
        "kernel-c": { type: "string" }, cflags: { type: "string" },
        html: { type: "string" }, report: { type: "string" },
      },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const { values: v, positionals } = parsed;
  if (v.help === true || positionals.length === 0) return { kind: "help" };
  const [command, ...rest] = positionals;
  const json = v.json === true;
  switch (command) {
    case "run": {
      if (rest.length > 0) throw new UsageError(`unexpected argument "${rest.join(" ")}"`);
      const known = SUITES.map((s) => s.name);
      const suites = v.suite ?? known;
      for (const s of suites) if (!known.includes(s)) throw new UsageError(`unknown suite "${s}" (suites: ${known.join(", ")})`);
      if (v.path !== undefined && (suites.length !== 1 || v.seed === undefined)) throw new UsageError("--path replays one case: give exactly one --suite and its --seed");
      const path = pathOf(v.path);
      const runs = integer("runs", v.runs, 1);
      const seed = seedOf(v.seed);
      const timeMs = seconds(v.time);
      const workers = integer("workers", v.workers, 1);
      if (timeMs !== undefined && runs !== undefined) throw new UsageError("give either --runs N or --time SECONDS, not both");
      const shard = shardOf(v.shard);
      if (path !== undefined && (shard !== undefined || timeMs !== undefined)) throw new UsageError("--path replays one case: it does not take --shard or --time");
      const html = htmlFile(v.html, shard !== undefined ? "--html reports a whole run: merge the shards instead of --shard" : null);
      return {
        kind: "run", suites, json, ...(workers === undefined ? {} : { workers }), store: v.store ?? DEFAULT_STORE,
        ...(runs === undefined ? {} : { runs }), ...(seed === undefined ? {} : { seed }), ...(timeMs === undefined ? {} : { timeMs }),
        ...(path === undefined ? {} : { path }), ...(shard === undefined ? {} : { shard }), ...(v.out === undefined ? {} : { out: v.out }),
        ...(html === undefined ? {} : { html }),
      };
    }
    case "replay": return { kind: "replay", files: files("replay", rest, 1), json, ...traceCoreFlags("replay", v) };
    case "merge": return { kind: "merge", files: files("merge", rest, 1), json };
    case "show": {
      const [file, ...extra] = files("show", rest, 1);
      if (file === undefined || extra.length > 0) throw new UsageError("show expects one trace file");
      const format = v.format ?? "table";
      if (format !== "table" && format !== "mermaid" && format !== "json" && format !== "html") throw new UsageError(`--format expects table, mermaid, json or html, got "${format}"`);
      htmlFile(v.html, "show prints HTML with --format html; --html FILE is for run and validate");
      return { kind: "show", file, format, ...traceCoreFlags("show", v) };
    }
    case "shrink": {
      const [file, ...extra] = files("shrink", rest, 1);
      if (file === undefined || extra.length > 0) throw new UsageError("shrink expects one trace file");
      return { kind: "shrink", file, json, ...(v.out === undefined ? {} : { out: v.out }), ...traceCoreFlags("shrink", v) };
    }
    case "validate": {
      if (rest.length > 0) throw new UsageError(`unexpected argument "${rest.join(" ")}"`);
      const kernelC = v["kernel-c"];
      const targets = [v.impl !== undefined, v.exec !== undefined, kernelC !== undefined, v.mutants === true].filter(Boolean).length;
      if (targets !== 1) throw new UsageError("validate expects one of --impl MODULE, --exec \"COMMAND ARGS\", --kernel-c FILE or --mutants");
      if (v.cflags !== undefined && kernelC === undefined) throw new UsageError("--cflags goes with --kernel-c FILE");
      const timeoutMs = integer("timeout", v.timeout, 1) ?? 5000;
      const words = v.exec === undefined ? [] : splitCommand(v.exec);
      const [command, ...commandArgs] = words;
      if (v.exec !== undefined && command === undefined) throw new UsageError("--exec expects a command");
      const target = kernelC !== undefined ? { kind: "kernel-c" as const, file: kernelC, cflags: splitCommand(v.cflags ?? ""), timeoutMs }
        : v.mutants === true ? { kind: "mutants" as const }
        : v.impl !== undefined ? { kind: "module" as const, path: v.impl, timeoutMs } : { kind: "exec" as const, command: command ?? "", args: commandArgs, timeoutMs };
      const suites = (v.suite ?? ["core", "system"]).map((s) => {
        if (s !== "core" && s !== "system") throw new UsageError(`unknown suite "${s}" (suites: core, system)`);
        return s;
      });
      const runs = integer("runs", v.runs, 1);
      const seed = seedOf(v.seed);
      if (v.path !== undefined) throw new UsageError("--path goes with run; validate replays a counterexample from its stored finding (ioasid-check replay FILE)");
      const html = htmlFile(v.html, v.mutants === true ? "--html reports a validation of one implementation, not --mutants" : null);
      if (v.mutants === true && (v.store !== undefined || v.report !== undefined)) throw new UsageError("--store and --report go with a validation of one implementation, not --mutants");
      if (v.report !== undefined && v.report.trim() === "") throw new UsageError("--report expects a file name");
      return {
        kind: "validate", target, suites, json, ...(runs === undefined ? {} : { runs }), ...(seed === undefined ? {} : { seed }), ...(html === undefined ? {} : { html }),
        ...(v.store === undefined ? {} : { store: v.store }), ...(v.report === undefined ? {} : { report: v.report }),
      };
    }
    default:
      throw new UsageError(`unknown command "${command ?? ""}" (commands: run, replay, shrink, show, merge, validate, explore)`);
  }
};
