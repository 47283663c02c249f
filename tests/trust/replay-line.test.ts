/**
 * Issue 9 item 2 through the real binary: the replay line a counterexample prints, run verbatim
 * (split as a shell would), reproduces the same failure, for core and system, for a negative
 * seed, seed 0 and a seed above 2^31 (core; system once, its shrinking is the slow part). The failing implementation is a module whose every third
 * `free` throws (a core crash), so both suites find it quickly.
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { splitCommand } from "../../cli/args.js";

const cli = (...args: string[]) => spawnSync(process.execPath, ["bin/ioasid-check.js", ...args], { encoding: "utf8", timeout: 120_000 });

const brokenModule = (): string => {
  const file = join(mkdtempSync(join(tmpdir(), "ioasid-replay-")), "every-third-free-throws.mjs");
  writeFileSync(file, `import { createImplCore } from ${JSON.stringify(join(process.cwd(), "dist/impl/index.js"))};
export const createCore = (c) => {
  const core = createImplCore(c);
  let frees = 0;
  return new Proxy(core, { get: (t, p) => (p === "free" ? (...a) => { if (++frees % 3 === 0) throw new Error("boom"); return t.free(...a); } : typeof t[p] === "function" ? t[p].bind(t) : t[p]) });
};`);
  return file;
};

/** The lines that identify a failure: the numbered steps, the marked one, the verdict. */
const failureOf = (stdout: string): string => stdout.split("\n").filter((l) => /^(>>| ) +\d+\. |^counterexample: |^ {3}\S/.test(l)).join("\n");

describe("the printed replay line replays verbatim", () => {
  const module = brokenModule();
  it.each([["core", "-7"], ["core", "0"], ["core", "3000000000"], ["system", "-7"]])("%s, seed %s", (suite, seed) => {
    const first = cli("validate", "--impl", module, "--suite", suite, "--runs", "200", "--seed", seed);
    expect(first.status, first.stderr).toBe(1);
    const line = /^replay: (.*)$/m.exec(first.stdout)?.[1];
    expect(line, first.stdout).toBeDefined();
    const words = splitCommand(line ?? "");
    expect(words.slice(0, 2)).toEqual(["npx", "ioasid-check"]);
    const again = cli(...words.slice(2));
    expect(again.stderr).not.toMatch(/internal error|ambiguous/);
    expect(again.status).toBe(1);
    expect(failureOf(again.stdout)).toBe(failureOf(first.stdout));
    expect(failureOf(first.stdout)).toMatch(/boom/);
  }, 240_000);
});
