/**
 * Running a hostile case (case.ts) in-process or through the real binary, and judging it
 * against its expectation.
 */
import { expect } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { cliMain } from "../../cli/cli-main.js";
import type { HostileCase } from "./case.js";
import { TRACE_CASES } from "./trace-cases.js";
import { FILE_FLAG_CASES, FLAG_CASES } from "./flag-cases.js";
import { STORE_CASES } from "./store-cases.js";
import { PROCESS_CASES } from "./process-cases.js";

/** One in-process case in this many also runs through the binary. */
export const SAMPLE = 100;
export const TIMEOUT_MS = 30_000;

/** Every case of every table. */
export const ALL: readonly HostileCase[] = [...TRACE_CASES, ...FLAG_CASES, ...FILE_FLAG_CASES, ...STORE_CASES, ...PROCESS_CASES];

/** A fresh folder holding the case's files. */
export const setUp = (c: HostileCase): string => {
  const dir = mkdtempSync(join(tmpdir(), "ioasid-hostile-"));
  for (const [name, content] of Object.entries(c.files ?? {})) {
    const file = join(dir, name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return dir;
};

/** Rule 3: partial files anywhere under `dir`. */
const partialFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => /\.tmp-/.test(f) && statSync(join(dir, f)).isFile());

/** What a run of the command line showed. */
export interface Outcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export const inProcess = async (argv: readonly string[]): Promise<Outcome> => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await cliMain(argv, { print: (s) => out.push(s), error: (s) => err.push(s) });
  return { code, stdout: out.join("\n"), stderr: err.map((l) => `${l}\n`).join("") };
};

export const binary = (argv: readonly string[]): Outcome => {
  const r = spawnSync(process.execPath, ["bin/ioasid-check.js", ...argv], { encoding: "utf8", timeout: TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 });
  expect(r.error, `timed out or failed to start: ${argv.join(" ")}`).toBeUndefined();
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

/** `run`'s progress lines (stderr, one per chunk) are not error lines. */
const withoutProgress = (stderr: string): string => stderr.split("\n").filter((l) => !/^chunk \d+\/\d+: /.test(l)).join("\n");

export const judge = (c: HostileCase, raw: Outcome, dir: string): void => {
  const o = { ...raw, stderr: withoutProgress(raw.stderr) };
  expect(o.stderr).not.toMatch(/\n\s+at |internal error|Error: /);
  expect(o.stdout).not.toMatch(/\n\s+at .*\.js:\d+/);
  expect(partialFiles(dir)).toEqual([]);
  if (c.expect === "input-error") {
    expect(o.code, o.stdout.slice(0, 300)).toBe(2);
    expect(o.stderr.trim().split("\n"), o.stderr.slice(0, 300)).toHaveLength(1);
    expect(o.stderr.length).toBeLessThan(2000);
    if (c.message !== undefined) expect(o.stderr).toMatch(c.message);
  } else {
    expect(o.stderr.slice(0, 500)).toBe("");
    expect([0, 1]).toContain(o.code);
  }
};
