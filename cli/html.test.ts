/**
 * `--html FILE` and `show --format html` through the real binary: the report is written (or
 * printed), stored and new counterexamples are in it, JSON output stays clean, and misuse or an
 * unwritable file is one line with the right exit code.
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const cli = (...args: string[]) => spawnSync(process.execPath, ["bin/ioasid-check.js", ...args], { encoding: "utf8", maxBuffer: 1 << 26, timeout: 240_000, killSignal: "SIGKILL" });
const tmp = () => mkdtempSync(join(tmpdir(), "ioasid-html-"));

/** A store holding one trace that fails again on its implementation (a broken variant's trace, expecting a pass). */
const failingStore = (): string => {
  const dir = join(tmp(), "store");
  mkdirSync(dir);
  const trace: unknown = JSON.parse(readFileSync("counterexamples/corpus/core-order-reversed.json", "utf8"));
  writeFileSync(join(dir, "core-again.json"), JSON.stringify({ ...(trace as object), expect: "pass" }));
  return dir;
};

describe("HTML reports from the binary", () => {
  it("show --format html prints one self-contained page with the trace's timeline", () => {
    const r = cli("show", "counterexamples/corpus/system-kvm-keeps-refs.json", "--format", "html");
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(r.stdout).not.toMatch(/https?:\/\/|<script[^>]*src=/);
    for (const lane of ["VFIO / VMM", "IOMMU", "KVM", "VDCM", "guest", "IOASID core"]) expect(r.stdout).toContain(`>${lane}</text>`);
    expect(r.stdout).toContain("ioasid-check replay counterexamples/corpus/system-kvm-keeps-refs.json");
    expect(r.stdout).toContain("leak at the teardown / leak check");
  });

  it("run --html writes the report with the stored counterexample that fails again", () => {
    const out = join(tmp(), "run.html");
    const r = cli("run", "--suite", "core", "--runs", "30", "--seed", "7", "--store", failingStore(), "--html", out);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`HTML report written to ${out}`);
    const html = readFileSync(out, "utf8");
    expect(html).toContain("stored counterexample core-again.json fails again");
    expect(html).toContain("--html");
    expect(html).toMatch(/<td class="h\d gate" title="alloc:ok: /);
    expect(html).toContain('id="stored-core-again-diverge"');
  });

  it("run --json --html keeps stdout one JSON document", () => {
    const out = join(tmp(), "run.html");
    const r = cli("run", "--suite", "core", "--runs", "20", "--seed", "7", "--json", "--html", out);
    expect(r.status).toBe(0);
    expect(() => JSON.parse(r.stdout) as unknown).not.toThrow();
    expect(readFileSync(out, "utf8")).toContain('<span class="badge pass">PASS</span>');
  });

  it("validate --html draws a broken core's counterexample with the replay line the CLI printed", () => {
    const dir = tmp();
    const mod = join(dir, "broken.mjs");
    writeFileSync(mod, `import { CORE_MUTANTS } from ${JSON.stringify(join(process.cwd(), "dist/properties/core/mutants/index.js"))};
export const createCore = (c) => CORE_MUTANTS.find((m) => m.name === "order-reversed").make(c.capacity);`);
    const out = join(dir, "validate.html");
    const r = cli("validate", "--impl", mod, "--suite", "core", "--runs", "300", "--seed", "3", "--html", out, "--store", join(dir, "findings"));
    expect(r.status).toBe(1);
    const printed = /^counterexample written to .* \(replay: (ioasid-check replay [^;]+);/m.exec(r.stdout)?.[1];
    expect(printed).toBeDefined();
    const html = readFileSync(out, "utf8");
    expect(html).toContain("core suite counterexample");
    expect(html).toContain(printed?.replaceAll('"', "&quot;") ?? "?");
    expect(html).toContain('<div class="expected"><h4>expected</h4>');
  });

  it.each([
    [["run", "--shard", "1/2", "--html", "x.html"], "--html reports a whole run"],
    [["show", "counterexamples/corpus/system-kvm-keeps-refs.json", "--html", "x.html"], "show prints HTML with --format html"],
    [["validate", "--mutants", "--html", "x.html"], "not --mutants"],
    [["run", "--html", ""], "--html expects a file name"],
    [["show", "x.json", "--format", "pdf"], "--format expects table, mermaid, json or html"],
  ])("misuse %j exits 2 naming the problem", (args, message) => {
    const r = cli(...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1); // one line naming the problem (issue 9)
  });

  it("an unwritable report file is one line: exit 2 on a pass, the counterexample's exit 1 kept", () => {
    const nowhere = join(tmp(), "no-such-dir", "r.html");
    const pass = cli("run", "--suite", "core", "--runs", "10", "--seed", "7", "--html", nowhere);
    expect(pass.status).toBe(2);
    expect(pass.stderr.trim().split("\n").filter((l) => !l.startsWith("chunk "))).toEqual([`ioasid-check: cannot write the HTML report to ${nowhere} (ENOENT)`]);
    const fail = cli("run", "--suite", "core", "--runs", "10", "--seed", "7", "--store", failingStore(), "--html", nowhere);
    expect(fail.status).toBe(1);
    expect(fail.stdout).toContain("fails again");
    expect(existsSync(nowhere)).toBe(false);
  });
});
