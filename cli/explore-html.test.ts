/**
 * `explore --html FILE` through the real binary: the exploration section (complete or cut short)
 * and the shortest counterexample's timeline, in one self-contained page.
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const cli = (...args: string[]) => spawnSync(process.execPath, ["bin/ioasid-check.js", ...args], { encoding: "utf8", timeout: 240_000 });

describe("explore --html", () => {
  it("a complete exploration of the spec: the section says every sequence was explored", () => {
    const out = join(mkdtempSync(join(tmpdir(), "ioasid-explore-")), "e.html");
    const r = cli("explore", "--scope", "small", "--depth", "2", "--html", out);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`HTML report written to ${out}`);
    const html = readFileSync(out, "utf8");
    expect(html).toContain('<section id="explore">');
    expect(html).toContain("(every sequence explored)");
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href="http/);
  });

  it("a broken core's shortest counterexample is drawn and linked from the section", () => {
    const out = join(mkdtempSync(join(tmpdir(), "ioasid-explore-")), "e.html");
    const r = cli("explore", "--impl", "mutant:free-drops-ref-early", "--depth", "5", "--html", out, "--json");
    expect(r.status).toBe(1);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
    const html = readFileSync(out, "utf8");
    expect(html).toContain('id="cx-explore"');
    expect(html).toMatch(/<section id="explore">[\s\S]*cx-explore/);
  });

  it("an empty file name is a usage error", () => {
    expect(cli("explore", "--html", "").status).toBe(2);
  });
});
