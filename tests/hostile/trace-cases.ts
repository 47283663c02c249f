/**
 * Malformed trace files, generated systematically from valid corpus traces: every top-level
 * field and every field of the first commands is removed, given the wrong type, pushed out of
 * range, made huge, or joined by an extra field; plus unknown ops, byte order marks, truncated
 * JSON, binary and empty files. Each is replayed (and, when the file itself is bad, shown).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { HostileCase } from "./case.js";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

const SOURCES = [
  "counterexamples/corpus/core-reclaim-ignoring-refs.json",
  "counterexamples/corpus/core-mm-notifiers-dropped.json",
  "counterexamples/corpus/system-kvm-keeps-refs.json",
  "counterexamples/corpus/system-vdcm-free-clears-one-wq.json",
];
/** Commands mutated field by field, from the start of each trace. */
const COMMANDS_MUTATED = 3;

const isObj = (v: Json | undefined): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const load = (file: string): Obj => {
  const v: Json = JSON.parse(readFileSync(file, "utf8"));
  if (!isObj(v)) throw new Error(`${file} is not a trace`);
  return v;
};

/** A value of another JSON type than `v`. */
const wrongType = (v: Json): Json => (typeof v === "number" ? "1" : typeof v === "string" ? 1 : Array.isArray(v) ? { not: "an array" } : v === null ? [] : "not an object");

/** Top-level fields: the domain breaches that must be refused. */
const OUT_OF_RANGE: Readonly<Record<string, readonly Json[]>> = {
  format: ["ioasid-check-shard", ""], version: [99, 0, 1.5], suite: ["kernel", ""], capacity: [0, -1, 2 ** 20 + 1, 1.5, 1e12],
  seed: [2 ** 40, 1.5, -(2 ** 31) - 1], expect: ["maybe"], values: [[-1], [1.5], ["x"]],
};
/** Top-level fields whose huge value is still a usable trace. */
const HUGE_OK = new Set(["note", "path"]);

/** Whether a command field is optional (vm_create's quota). */
const optional = (op: Json | undefined, field: string): boolean => op === "vm_create" && field === "quota";
/** Command fields that take hostile numbers on purpose (the core must refuse them). */
const hostileOk = (field: string): boolean => field === "quota";

const traceCase = (name: string, text: string | Uint8Array, expect: HostileCase["expect"], commands: readonly ("replay" | "show")[] = ["replay", "show"]): HostileCase[] =>
  commands.map((command) => ({ name: `${command}: ${name}`, files: { "t.json": text }, argv: (dir: string) => [command, join(dir, "t.json")], expect }));

const json = (v: Json): string => JSON.stringify(v, null, 2);

/** The cases of one source trace. */
const casesOf = (file: string): HostileCase[] => {
  const base = load(file);
  const label = file.replace(/^.*\//, "").replace(/\.json$/, "");
  const out: HostileCase[] = [];
  const top = (what: string, t: Obj, expect: HostileCase["expect"], commands?: readonly ("replay" | "show")[]) => out.push(...traceCase(`${label} ${what}`, json(t), expect, commands));
  for (const field of Object.keys(base)) {
    const v = base[field];
    if (v === undefined) continue;
    const { [field]: _gone, ...without } = base;
    top(`without ${field}`, without, "input-error");
    top(`${field} of the wrong type`, { ...base, [field]: wrongType(v) }, "input-error");
    for (const bad of OUT_OF_RANGE[field] ?? []) top(`${field} = ${JSON.stringify(bad)}`, { ...base, [field]: bad }, "input-error");
    if (typeof v === "string") top(`${field} huge`, { ...base, [field]: "x".repeat(1_000_000) }, HUGE_OK.has(field) ? "accepted" : "input-error", field === "implementation" ? ["replay"] : undefined);
    if (typeof v === "number") top(`${field} = 1e308`, { ...base, [field]: 1e308 }, "input-error");
  }
  top("with an extra field", { ...base, extra: { any: "thing" } }, "accepted");
  if (base["suite"] === "system") for (const bad of [0, 2 ** 20 + 1, 1.5]) top(`(version 2) capacity = ${bad}`, { ...base, version: 2, capacity: bad }, "input-error");
  top("naming an unknown implementation", { ...base, implementation: "mutant:no-such-variant" }, "input-error", ["replay"]);
  const commands = Array.isArray(base["commands"]) ? base["commands"] : [];
  const withCommand = (i: number, c: Json): Obj => ({ ...base, commands: commands.map((x, j) => (j === i ? c : x)) });
  commands.slice(0, COMMANDS_MUTATED).forEach((c, i) => {
    if (!isObj(c)) return;
    const at = `commands[${i}] (${String(c["op"])})`;
    top(`${at} with an unknown op`, withCommand(i, { ...c, op: "frobnicate" }), "input-error");
    top(`${at} with the other suite's op`, withCommand(i, { ...c, op: base["suite"] === "core" ? "vm_create" : "alloc_set" }), "input-error");
    top(`${at} with an extra field`, withCommand(i, { ...c, extra: 1 }), "accepted");
    for (const field of Object.keys(c)) {
      if (field === "op") continue;
      const v = c[field];
      if (v === undefined) continue;
      const { [field]: _gone, ...without } = c;
      top(`${at} without ${field}`, withCommand(i, without), optional(c["op"], field) ? "accepted" : "input-error");
      top(`${at}.${field} of the wrong type`, withCommand(i, { ...c, [field]: wrongType(v) }), "input-error");
      if (typeof v !== "number") continue;
      top(`${at}.${field} = -1`, withCommand(i, { ...c, [field]: -1 }), hostileOk(field) ? "accepted" : "input-error");
      top(`${at}.${field} = 1.5`, withCommand(i, { ...c, [field]: 1.5 }), hostileOk(field) ? "accepted" : "input-error");
      top(`${at}.${field} = 2^32`, withCommand(i, { ...c, [field]: 2 ** 32 }), hostileOk(field) ? "accepted" : "input-error");
      top(`${at}.${field} = 1e308`, withCommand(i, { ...c, [field]: 1e308 }), "input-error");
    }
  });
  const text = json(base);
  out.push(...traceCase(`${label} with a byte order mark`, `\uFEFF${text}`, "accepted"));
  out.push(...traceCase(`${label} with CRLF line ends`, text.replace(/\n/g, "\r\n"), "accepted"));
  out.push(...traceCase(`${label} with two byte order marks`, `\uFEFF\uFEFF${text}`, "input-error"));
  out.push(...traceCase(`${label} with trailing garbage`, `${text}}`, "input-error"));
  for (const frac of [0.01, 0.25, 0.5, 0.75, 0.99]) out.push(...traceCase(`${label} truncated at ${frac * 100}%`, text.slice(0, Math.floor(text.length * frac)), "input-error"));
  out.push(...traceCase(`${label} as UTF-16`, Buffer.from(text, "utf16le"), "input-error"));
  return out;
};

/** Files that are no trace at all. */
const NOT_TRACES: ReadonlyArray<readonly [string, string | Uint8Array]> = [
  ["an empty file", ""], ["null", "null"], ["an array", "[]"], ["a number", "42"], ["a string", '"trace"'], ["NaN", "NaN"],
  ["binary bytes", Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)], ["nested 100,000 deep", `${"[".repeat(100_000)}${"]".repeat(100_000)}`],
  ["a shard file", JSON.stringify({ format: "ioasid-check-shard", version: 1, seed: 1, shard: { k: 1, n: 1 }, chunks: [] })],
];

/** Every trace case. */
export const TRACE_CASES: readonly HostileCase[] = [
  ...SOURCES.flatMap(casesOf),
  ...NOT_TRACES.flatMap(([name, text]) => traceCase(name, text, "input-error")),
  ...(["replay", "show", "shrink"] as const).map((command): HostileCase => ({ name: `${command}: a file that does not exist`, argv: (dir) => [command, join(dir, "nope.json")], expect: "input-error" })),
  ...(["replay", "show", "shrink"] as const).map((command): HostileCase => ({ name: `${command}: a folder`, argv: (dir) => [command, dir], expect: "input-error" })),
];
