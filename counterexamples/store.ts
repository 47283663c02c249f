/**
 * Reading and writing trace files. Every failure is a TraceFileError naming the file and what is
 * wrong (unreadable, not JSON, truncated, another format, another version, a bad field, a value
 * outside the domain: trace-domain.ts); writing goes through a temporary file and a rename, so a
 * crash never leaves half a trace behind, and a write that fails is a StoreWriteError naming the
 * path (the temporary file removed).
 *
 * Rules:
 *  1. Missing folders are created one level at a time from the nearest existing ancestor (never
 *     Node's recursive mkdir, which loops forever under /proc).
 *  2. A store folder that exists but cannot be listed, or is a file, is a TraceFileError; only a
 *     folder that does not exist lists as empty.
 *  3. A UTF-8 byte order mark at the start of a trace file is accepted.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { checkTraceDomain } from "./trace-domain.js";
import * as t from "io-ts";
import { CoreTrace, migrateTrace, READABLE_VERSIONS, SystemTrace, TRACE_FORMAT, TRACE_VERSION, TraceV1 } from "./trace.js";
import type { Trace } from "./trace.js";
import { describeErrors, opsOf, unknownNames } from "./decode-errors.js";
import { Command } from "../api/commands.js";
import { SystemCommand } from "../hw-model/system/commands.js";

/** The command kinds each suite's traces may hold. */
const OPS: Readonly<Record<Trace["suite"], readonly string[]>> = { core: opsOf(Command), system: opsOf(SystemCommand) };

/** A trace file that cannot be used, with the reason. */
export class TraceFileError extends Error {
  constructor(readonly file: string, reason: string) {
    super(`${file}: ${reason}`);
    this.name = "TraceFileError";
  }
}

/** A trace that could not be written, with the path and the reason. */
export class StoreWriteError extends Error {
  constructor(readonly path: string, reason: string) {
    super(`cannot write ${path}: ${reason}`);
    this.name = "StoreWriteError";
  }
}

const reasonOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** A value as a short piece of text for an error line: never huge, never deep. */
export const brief = (v: unknown): string => {
  if (v === undefined) return "nothing";
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === "object" && v !== null) return "an object";
  const s = JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}..." (${s.length} characters)` : s;
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Decode against the codec of the trace's own suite and version (the suite and ops were checked
 * first), so an error names the field of that suite only, not every branch of the union.
 */
const decodeForSuite = (raw: Readonly<Record<string, unknown>>): t.Validation<Trace> => {
  const core = raw["suite"] === "core";
  if (raw["version"] === 1) {
    const v1 = core ? TraceV1.types[0].decode(raw) : TraceV1.types[1].decode(raw);
    return v1._tag === "Right" ? t.success(migrateTrace(v1.right)) : t.failures(v1.left);
  }
  return core ? CoreTrace.decode(raw) : SystemTrace.decode(raw);
};

/** Decode file contents (`file` names it in errors). */
export const decodeTrace = (file: string, input: string): Trace => {
  const text = input.startsWith("\uFEFF") ? input.slice(1) : input;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const trimmed = text.trim();
    const truncated = /^[{[]/.test(trimmed) && !/[}\]]$/.test(trimmed);
    throw new TraceFileError(file, `${truncated ? "truncated JSON" : "not JSON"} (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!isRecord(raw) || raw["format"] !== TRACE_FORMAT) throw new TraceFileError(file, `not an ioasid-check trace: field format: expected "${TRACE_FORMAT}", got ${brief(isRecord(raw) ? raw["format"] : raw)}`);
  if (!READABLE_VERSIONS.includes(Number(raw["version"])) || typeof raw["version"] !== "number") throw new TraceFileError(file, `field version: expected ${TRACE_VERSION} (or 1, read and migrated: the versions this tool reads), got ${brief(raw["version"])}`);
  const unknown = unknownNames(raw, OPS);
  if (unknown !== null) throw new TraceFileError(file, unknown);
  const decoded = decodeForSuite(raw);
  if (decoded._tag === "Left") throw new TraceFileError(file, describeErrors(decoded.left).join("; "));
  const outside = checkTraceDomain(decoded.right);
  if (outside !== null) throw new TraceFileError(file, outside);
  return decoded.right;
};

/** Read and decode one file. */
export const readTrace = (file: string): Trace => {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new TraceFileError(file, `cannot be read (${e instanceof Error ? e.message : String(e)})`);
  }
  return decodeTrace(file, text);
};

/** Rule 1: create `dir` and its missing parents, one level at a time. */
const makeFolder = (dir: string): void => {
  const missing: string[] = [];
  for (let d = resolve(dir); !existsSync(d); d = dirname(d)) {
    missing.unshift(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing) mkdirSync(d);
};

/** Write a trace atomically; returns the path. A failure is a StoreWriteError, leaving no file behind. */
export const writeTrace = (dir: string, name: string, trace: Trace): string => {
  const file = join(dir, name);
  try {
    makeFolder(dir);
    if (!statSync(dir).isDirectory()) throw new Error(`${dir} is not a folder`);
  } catch (e) {
    throw new StoreWriteError(file, reasonOf(e));
  }
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, `${JSON.stringify(trace, null, 2)}\n`, { flag: "wx" });
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new StoreWriteError(file, reasonOf(e));
  }
  return file;
};

/** The trace files of a folder, sorted; none if it does not exist (rule 2). */
export const listTraces = (dir: string): readonly string[] => {
  if (!existsSync(dir)) return [];
  try {
    return readdirSync(dir).filter((f) => f.endsWith(".json")).sort().map((f) => join(dir, f));
  } catch (e) {
    throw new TraceFileError(dir, `the store cannot be listed (${reasonOf(e)})`);
  }
};
