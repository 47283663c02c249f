/**
 * Reading and writing trace files. Every failure is a TraceFileError naming the file and what is
 * wrong (unreadable, not JSON, truncated, another format, another version, a bad field); writing
 * goes through a temporary file and a rename, so a crash never leaves half a trace behind.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { decodeAnyVersion, READABLE_VERSIONS, TRACE_FORMAT, TRACE_VERSION } from "./trace.js";
import type { Trace } from "./trace.js";
import { describeErrors } from "./decode-errors.js";

/** A trace file that cannot be used, with the reason. */
export class TraceFileError extends Error {
  constructor(readonly file: string, reason: string) {
    super(`${file}: ${reason}`);
    this.name = "TraceFileError";
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Decode file contents (`file` names it in errors). */
export const decodeTrace = (file: string, text: string): Trace => {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const trimmed = text.trim();
    const truncated = /^[{[]/.test(trimmed) && !/[}\]]$/.test(trimmed);
    throw new TraceFileError(file, `${truncated ? "truncated JSON" : "not JSON"} (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!isRecord(raw) || raw["format"] !== TRACE_FORMAT) throw new TraceFileError(file, `not an ioasid-check trace: field format: expected "${TRACE_FORMAT}", got ${JSON.stringify(isRecord(raw) ? raw["format"] : raw) ?? "nothing"}`);
  if (!READABLE_VERSIONS.includes(Number(raw["version"])) || typeof raw["version"] !== "number") throw new TraceFileError(file, `field version: expected ${TRACE_VERSION} (or 1, read and migrated: the versions this tool reads), got ${JSON.stringify(raw["version"]) ?? "nothing"}`);
  const decoded = decodeAnyVersion(raw);
  if (decoded._tag === "Left") throw new TraceFileError(file, describeErrors(decoded.left).join("; "));
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

/** Write a trace atomically; returns the path. */
export const writeTrace = (dir: string, name: string, trace: Trace): string => {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify(trace, null, 2)}\n`);
  renameSync(tmp, file);
  return file;
};

/** The trace files of a folder, sorted (none if it does not exist). */
export const listTraces = (dir: string): readonly string[] => {
  try {
    return readdirSync(dir).filter((f) => f.endsWith(".json")).sort().map((f) => join(dir, f));
  } catch {
    return [];
  }
};
