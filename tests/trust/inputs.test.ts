/**
 * Issue 9 items 3-5 through the real binary: replay refuses an unknown implementation and holds
 * a trace to the failure it names; traces outside the domain, with an unknown suite or op, or
 * with a byte order mark; shrink --out under /proc; show of a 100,000-step trace into a pipe
 * closed early; one JSON shape and a true gate line for failures.
 */
import { describe, expect, it } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const cli = (...args: string[]) => spawnSync(process.execPath, ["bin/ioasid-check.js", ...args], { encoding: "utf8", timeout: 60_000 });
const dir = mkdtempSync(join(tmpdir(), "ioasid-inputs-"));
const CORE = "counterexamples/corpus/core-reclaim-ignoring-refs.json";
const SYSTEM = "counterexamples/corpus/system-kvm-keeps-refs.json";
type Json = Record<string, unknown>;
const read = (file: string): Json => {
  const v: unknown = JSON.parse(readFileSync(file, "utf8"));
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new Error(file);
  return { ...v };
};
let count = 0;
const write = (text: string): string => {
  const f = join(dir, `t${count++}.json`);
  writeFileSync(f, text);
  return f;
};
const traceWith = (file: string, edit: (t: Json) => Json): string => write(JSON.stringify(edit(read(file))));
/** The trace with these commands only (no recorded values or violation). */
const only = (t: Json, commands: Json[]): Json => ({ ...t, commands, values: [], violation: null, expect: "pass" });
const oneLine = (s: string) => s.trim().split("\n").length === 1;

describe("replay holds a trace to what it names", () => {
  it.each([CORE, SYSTEM])("%s naming an unknown implementation exits 2", (file) => {
    const r = cli("replay", traceWith(file, (t) => ({ ...t, implementation: "mutant:does-not-exist" })));
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toBe(true);
    expect(r.stderr).toMatch(/field implementation: unknown (core|system) implementation "mutant:does-not-exist"/);
  });

  it.each([CORE, SYSTEM])("%s failing at another step or kind than its violation is a mismatch (exit 1)", (file) => {
    const t = read(file);
    const v = t["violation"];
    if (typeof v !== "object" || v === null) throw new Error("no violation");
    const otherKind = cli("replay", traceWith(file, (x) => ({ ...x, violation: { ...v, kind: "some-other-kind" } })));
    expect(otherKind.status).toBe(1);
    expect(otherKind.stdout).toMatch(/^FAIL .*\[expected fail at step \d+ \(some-other-kind\), got fail at step \d+ \(/m);
    const otherStep = cli("replay", traceWith(file, (x) => ({ ...x, violation: { ...v, step: 0 } })));
    expect(otherStep.status).toBe(1);
  });

  it("an old trace without a violation still accepts any failure", () => {
    const r = cli("replay", traceWith(CORE, (t) => ({ ...t, violation: null })));
    expect(r.status).toBe(0);
  });
});

describe("trace fields are checked against the domain on read: exit 2, one line naming the field", () => {
  it.each<[string, (t: Json) => Json, RegExp]>([
    ["capacity 0", (t) => ({ ...t, capacity: 0 }), /field capacity: expected a capacity/],
    ["capacity 1e7", (t) => ({ ...t, capacity: 1e7 }), /field capacity/],
    ["capacity 1e12", (t) => ({ ...t, capacity: 1e12 }), /field capacity/],
    ["a fractional ID", (t) => only(t, [{ op: "get", set: null, id: 1.5 }]), /field commands\[0\]\.id: expected a 32-bit value/],
    ["a negative set", (t) => only(t, [{ op: "set_get", set: -1 }]), /field commands\[0\]\.set/],
    ["an ID beyond 32 bits", (t) => only(t, [{ op: "free", set: 1, id: 2 ** 40 }]), /field commands\[0\]\.id/],
    ["a quota of 1e300", (t) => only(t, [{ op: "alloc_set", token: { type: "null", value: 0 }, quota: 1e300 }]), /field commands\[0\]\.quota/],
    ["a seed beyond 32 bits", (t) => ({ ...t, seed: 2 ** 40 }), /field seed/],
    ["a violation past the end", (t) => ({ ...t, violation: { step: 99, kind: "x", detail: "" } }), /field violation\.step/],
    ["more values than commands", (t) => ({ ...t, values: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1] }), /field values/],
    ["an unknown suite", (t) => ({ ...t, suite: "kernel" }), /field suite: expected one of "core", "system", got "kernel"/],
    ["an unknown op", (t) => only(t, [{ op: "frobnicate" }]), /field commands\[0\]\.op: expected one of "alloc_set", .*"run_work", "fail_nth" \(core suite\), got "frobnicate"/],
  ])("%s", (_name, edit, message) => {
    const r = cli("replay", traceWith(CORE, edit));
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toBe(true);
    expect(r.stderr.length).toBeLessThan(700);
    expect(r.stderr).toMatch(message);
  });

  it("a UTF-8 byte order mark is accepted", () => {
    const r = cli("replay", write(`\uFEFF${readFileSync(CORE, "utf8")}`));
    expect(r.stdout).toMatch(/^ok /);
    expect(r.status).toBe(0);
  });
});

describe("writing under /proc and closed pipes", () => {
  it("shrink --out /proc/nope/x.json exits 2 naming the path, without hanging", () => {
    const r = cli("shrink", CORE, "--out", "/proc/nope/x.json");
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toBe(true);
    expect(r.stderr).toContain("/proc/nope/x.json");
  });

  it("show of a 100,000-step trace renders, and a reader closing the pipe early gets no stack trace", async () => {
    const commands: Json[] = [{ op: "alloc_set", token: { type: "null", value: 0 }, quota: 4 }];
    for (let i = 0; i < 49_999; i++) commands.push({ op: "alloc", set: 1, min: 1, max: 0xfffff, data: null }, { op: "free", set: 1, id: 1 });
    const big = write(JSON.stringify({
      format: "ioasid-check-trace", version: 1, suite: "core", implementation: "impl", seed: null, path: null, capacity: 24,
      commands, values: commands.map(() => null), violation: null, expect: "pass", note: "",
    }));
    const child = spawn(process.execPath, ["bin/ioasid-check.js", "show", big], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    let firstBytes = "";
    child.stderr.on("data", (d: Buffer) => { stderr += d.toString(); });
    child.stdout.once("data", (d: Buffer) => {
      firstBytes = d.toString();
      child.stdout.destroy(); // like `| head`
    });
    const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
    expect(firstBytes).toMatch(/^core trace on impl/);
    expect(stderr).not.toMatch(/EPIPE|\n\s+at |Maximum call stack/);
    expect(code).toBe(0);
  }, 120_000);
});

describe("a failure's report", () => {
  it("never claims the coverage gate, and --json gives core and system failures one shape", () => {
    const module = join(dir, "free-throws.mjs");
    writeFileSync(module, `import { createImplCore } from ${JSON.stringify(join(process.cwd(), "dist/impl/index.js"))};
export const createCore = (c) => { const core = createImplCore(c); let n = 0;
  return new Proxy(core, { get: (t, p) => (p === "free" ? (...a) => { if (++n % 3 === 0) throw new Error("boom"); return t.free(...a); } : typeof t[p] === "function" ? t[p].bind(t) : t[p]) }); };`);
    const text = cli("validate", "--impl", module, "--suite", "core", "--runs", "100", "--seed", "4", "--store", join(dir, "findings"));
    expect(text.status).toBe(1);
    expect(text.stdout).not.toContain("every listed case reached");
    const r = cli("validate", "--impl", module, "--runs", "100", "--seed", "4", "--json", "--store", join(dir, "findings"));
    const out: unknown = JSON.parse(r.stdout);
    const suites: unknown = typeof out === "object" && out !== null ? Reflect.get(out, "suites") : null;
    const keys = (suite: string): string[] => {
      const s: unknown = Array.isArray(suites) ? suites.find((x: unknown) => typeof x === "object" && x !== null && Reflect.get(x, "suite") === suite) : null;
      const f: unknown = typeof s === "object" && s !== null ? Reflect.get(s, "failure") : null;
      return typeof f === "object" && f !== null ? Object.keys(f).sort() : [];
    };
    expect(keys("core")).toEqual(["commands", "detail", "failedStep", "path", "replay", "seed"]);
    expect(keys("system")).toEqual(keys("core"));
  }, 120_000);
});
