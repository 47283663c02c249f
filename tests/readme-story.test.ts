/**
 * The README's "your own core" story works as printed: each `$ ` command of its text blocks runs
 * in a fresh directory holding the Python example (with `npx ioasid-check` as the built binary),
 * and each output line shown under it appears in what the command printed.
 *
 * Rules:
 *  1. Commands run in order in one directory, as a user would type them.
 *  2. A command whose shown output says COUNTEREXAMPLE or FAIL must exit 1, any other 0.
 *  3. Every shown output line must appear in the command's output (stdout and stderr); the
 *     README shows a selection of lines, never changed ones. "..." in a line stands for any text
 *     (numbers that follow the generator, such as runs and replays), a line of "..." alone for
 *     lines left out.
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const SECTION = "## Worked example: your own core, from `validate` to the fix";
const BIN = resolve("bin/ioasid-check.js");

interface Step {
  readonly command: string;
  readonly shown: readonly string[];
}

/** The commands of the section's text blocks, each with the output lines shown under it. */
const stepsOf = (readme: string): readonly Step[] => {
  const start = readme.indexOf(SECTION);
  const end = readme.indexOf("\n## ", start + SECTION.length);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const steps: { command: string; shown: string[] }[] = [];
  for (const block of section.split("```text\n").slice(1).map((b) => b.slice(0, b.indexOf("\n```")))) {
    for (const line of block.split("\n")) {
      if (line.startsWith("$ ")) steps.push({ command: line.slice(2), shown: [] });
      else if (line.trim() !== "...") steps.at(-1)?.shown.push(line.trimEnd());
    }
  }
  return steps;
};

describe("README: your own core, from validate to the fix", () => {
  const steps = stepsOf(readFileSync("README.md", "utf8"));

  it("has the story", () => {
    expect(steps.length).toBeGreaterThanOrEqual(6);
  });

  it("works as printed", () => {
    const dir = mkdtempSync(join(tmpdir(), "ioasid-story-"));
    mkdirSync(join(dir, "examples/python-core"), { recursive: true });
    copyFileSync("examples/python-core/ioasid_core.py", join(dir, "examples/python-core/ioasid_core.py"));
    for (const step of steps) {
      const line = step.command.replaceAll("npx ioasid-check", `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)}`);
      const r = spawnSync("sh", ["-c", line], { cwd: dir, encoding: "utf8", timeout: 120_000, env: { ...process.env, NO_COLOR: "1" } });
      const out = `${r.stdout}\n${r.stderr}`;
      const failing = step.shown.some((l) => /COUNTEREXAMPLE|^FAIL /.test(l));
      expect(r.status, `${step.command}\n${out}`).toBe(failing ? 1 : 0);
      const lines = out.split("\n").map((l) => l.trimEnd());
      for (const shown of step.shown.filter((l) => l !== "")) {
        const pattern = new RegExp(`^${shown.split("...").map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
        expect(lines.some((l) => pattern.test(l)), `${step.command}: "${shown}" not in\n${out}`).toBe(true);
      }
    }
  });
});
