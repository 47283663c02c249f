/**
 * The hostile-input table (issue 9): every case of trace-cases, flag-cases, store-cases and
 * process-cases, checked against its expectation (case.ts). Most run the command line in-process
 * (cli/cli-main.ts, fast); every SAMPLE-th in-process case, and every binary-only case, runs
 * through the real binary with a timeout.
 */
import { describe, expect, it } from "vitest";
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
const SAMPLE = 50;
const TIMEOUT_MS = 30_000;

const ALL: readonly HostileCase[] = [...TRACE_CASES, ...FLAG_CASES, ...FILE_FLAG_CASES, ...STORE_CASES, ...PROCESS_CASES];

const setUp = (c: HostileCase): string => {
  const dir = mkdtempSync(join(tmpdir(), "ioasid-hostile-"));
  for (const [name, content] of Object.entries(c.files ?? {})) {
    const file = join(dir, name);
    mkdirSync(dirname(file), { recursive: true });
    if (name.endsWith("/keep") || name.endsWith("/x")) mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return dir;
};

/** Rule 3: partial files anywhere under `dir`. */
const partialFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => /\.tmp-/.test(f) && statSync(join(dir, f)).isFile());

interface Outcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const inProcess = async (argv: readonly string[]): Promise<Outcome> => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await cliMain(argv, { print: (s) => out.push(s), error: (s) => err.push(s) });
  return { code, stdout: out.join("\n"), stderr: err.map((l) => `${l}\n`).join("") };
};

const binary = (argv: readonly string[]): Outcome => {
  const r = spawnSync(process.execPath, ["bin/ioasid-check.js", ...argv], { encoding: "utf8", timeout: TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 });
  expect(r.error, `timed out or failed to start: ${argv.join(" ")}`).toBeUndefined();
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

/** `run`'s progress lines (stderr, one per chunk) are not error lines. */
const withoutProgress = (stderr: string): string => stderr.split("\n").filter((l) => !/^chunk \d+\/\d+: /.test(l)).join("\n");

const judge = (c: HostileCase, raw: Outcome, dir: string): void => {
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

describe("hostile inputs", () => {
  it("the table has at least 300 cases", () => {
    expect(ALL.length).toBeGreaterThanOrEqual(300);
  });

  const inProc = ALL.filter((c) => c.binaryOnly !== true);
  it.each(inProc.map((c, i) => [c.name, c, i] as const))("%s", async (_name, c, i) => {
    const dir = setUp(c);
    judge(c, await inProcess(c.argv(dir)), dir);
    if (i % SAMPLE === 0) {
      const again = setUp(c);
      judge(c, binary(c.argv(again)), again);
    }
  }, TIMEOUT_MS * 2);

  it.each(ALL.filter((c) => c.binaryOnly === true).map((c) => [c.name, c] as const))("binary: %s", (_name, c) => {
    const dir = setUp(c);
    judge(c, binary(c.argv(dir)), dir);
  }, TIMEOUT_MS * 2);
});
