/**
 * `ioasid-check validate --kernel-c` through the real binary: the example passes both suites with
 * every part of the state checked (its hooks answer the optional introspection); broken copies
 * of it are caught (exit 1) with a counterexample, a crash included; a file that
 * cannot be built is an input error (exit 2) with the reason.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildKernelC } from "./index.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BIN = join(ROOT, "bin", "ioasid-check.js");
const EXAMPLE = join(ROOT, "examples", "kernel-c");
const work = mkdtempSync(join(tmpdir(), "ioasid-validate-kernel-c-"));
// The kit's objects, built once in `work`'s cache: the broken copies below only compile themselves.
beforeAll(() => void buildKernelC({ file: join(EXAMPLE, "ioasid.c"), cflags: [] }, work), 180_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run the binary in `cwd` (its own build cache), with extra environment. */
const cli = (args: readonly string[], cwd = ROOT, env: Readonly<Record<string, string>> = {}): Promise<Run> =>
  new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, ...env }, encoding: "utf8", timeout: 300_000, maxBuffer: 32 << 20 }, (error, stdout, stderr) => {
      const code = error !== null && typeof error.code === "number" ? error.code : error === null ? 0 : null;
      done({ status: code, stdout, stderr });
    });
  });

/** A copy of the example in its own folder of `work`, with one edit; the path of its ioasid.c. */
const brokenCopy = (name: string, from: string, to: string): string => {
  const text = readFileSync(join(EXAMPLE, "ioasid.c"), "utf8");
  expect(text.split(from).length, `the edit "${name}" must match exactly once`).toBe(2);
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "ioasid.c"), text.replace(from, to));
  writeFileSync(join(dir, "ioasid.kit.c"), readFileSync(join(EXAMPLE, "ioasid.kit.c"), "utf8"));
  return join(dir, "ioasid.c");
};

const BROKEN: ReadonlyArray<readonly [string, string, string, RegExp]> = [
  ["get on a FREE_PENDING ID is allowed (D4)",
    "static int __ioasid_get(struct ioasid_set *set, ioasid_t ioasid)\n{\n\tstruct ioasid_data *data = ioasid_lookup_active(set, ioasid, false);",
    "static int __ioasid_get(struct ioasid_set *set, ioasid_t ioasid)\n{\n\tstruct ioasid_data *data = ioasid_lookup(set, ioasid, false);", /\(outcome\)|\(state\)/],
  ["a put of a FREE_PENDING ID leaks its reference (void put path)",
    "\tioasid_drop(data);\n}\n\nvoid ioasid_put(", "\tif (data->state == IOASID_STATE_ALLOCATED)\n\t\tioasid_drop(data);\n}\n\nvoid ioasid_put(", /\(state\)|\(outcome\)/],
  ["notifier priorities reversed (D25)", "\treg->wrap.priority = nb->priority;", "\treg->wrap.priority = -nb->priority;", /\(outcome\)/],
  ["put_locked takes the lock (deadlock inside a handler, D27)",
    "void ioasid_put_locked(struct ioasid_set *set, ioasid_t ioasid)\n{\n\tlockdep_assert_held(&ioasid_lock);\n\t__ioasid_put(set, ioasid);",
    "void ioasid_put_locked(struct ioasid_set *set, ioasid_t ioasid)\n{\n\tioasid_put(set, ioasid);", /\(outcome\)/],
  ["alloc_set's ENOMEM path keeps the quota's capacity (D32)",
    "\tset = kzalloc(sizeof(*set), GFP_ATOMIC);\n\tif (!set) {\n\t\tset = ERR_PTR(-ENOMEM);",
    "\tset = kzalloc(sizeof(*set), GFP_ATOMIC);\n\tif (!set) {\n\t\tioasid_capacity_avail -= quota;\n\t\tset = ERR_PTR(-ENOMEM);", /\(outcome\)|\(state\)/],
  ["a NULL set is dereferenced (a crash)", "\tif (set ? data->set != set : owner_only)", "\tif (set->type && data->set != set)", /\(crash\)[\s\S]*crashed with signal 11/],
];

describe("ioasid-check validate --kernel-c", () => {
  it("the example kernel file passes the core and system suites", async () => {
    const r = await cli(["validate", "--kernel-c", "examples/kernel-c/ioasid.c", "--runs", "60", "--seed", "9"]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/core suite on examples\/kernel-c\/ioasid\.c: passed — 60 runs/);
    expect(r.stdout).toMatch(/system suite on examples\/kernel-c\/ioasid\.c: passed — 60 runs/);
    expect(r.stdout).not.toMatch(/not checked/); // its hooks answer every introspection method
    expect(r.status).toBe(0);
  }, 300_000);

  it("hooks that define only kit_inspect_id: the parts without a hook are reported not checked", async () => {
    const dir = join(work, "id-hook-only");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "ioasid.c"), readFileSync(join(EXAMPLE, "ioasid.c"), "utf8"));
    const hooks = readFileSync(join(EXAMPLE, "ioasid.kit.c"), "utf8");
    writeFileSync(join(dir, "ioasid.kit.c"), hooks.slice(0, hooks.indexOf("/* A set is gone")));
    const r = await cli(["validate", "--kernel-c", join(dir, "ioasid.c"), "--suite", "core", "--runs", "10", "--seed", "9"], work);
    expect(r.stdout).toMatch(/core suite on .*ioasid\.c: passed/);
    expect(r.stdout).toMatch(/not checked \(the core offers no inspectSet, capacityLeft, inspectNotifier, inspectAllocator\)/);
    expect(r.status).toBe(0);
  }, 300_000);

  it("a hook that misreads the capacity is caught: the introspection is compared with the spec", async () => {
    const dir = join(work, "capacity-hook-off");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "ioasid.c"), readFileSync(join(EXAMPLE, "ioasid.c"), "utf8"));
    const hooks = readFileSync(join(EXAMPLE, "ioasid.kit.c"), "utf8");
    expect(hooks.split("*left = ioasid_capacity_avail;").length).toBe(2);
    writeFileSync(join(dir, "ioasid.kit.c"), hooks.replace("*left = ioasid_capacity_avail;", "*left = ioasid_capacity_avail + !list_empty(&ioasid_sets);"));
    const r = await cli(["validate", "--kernel-c", join(dir, "ioasid.c"), "--suite", "core", "--runs", "50", "--seed", "9"], work);
    expect(r.stdout).toMatch(/core suite on .*ioasid\.c: COUNTEREXAMPLE/);
    expect(r.stdout).toMatch(/capacity left: spec has \d+, the core has \d+/);
    expect(r.status).toBe(1);
  }, 300_000);

  it.concurrent.each(BROKEN)("catches a broken copy: %s", async (name, from, to, kind) => {
    const file = brokenCopy(name.replace(/\W+/g, "-"), from, to);
    const r = await cli(["validate", "--kernel-c", file, "--suite", "core", "--runs", "400", "--seed", "5"], work);
    expect(r.stdout).toMatch(/core suite on .*ioasid\.c: COUNTEREXAMPLE/);
    expect(r.stdout).toMatch(kind);
    expect(r.status).toBe(1);
  }, 300_000);

  it("a file that does not compile is an input error with the compiler's message", async () => {
    const file = brokenCopy("does-not-compile", "int ioasid_get(struct ioasid_set *set, ioasid_t ioasid)\n{", "int ioasid_get(struct ioasid_set *set, ioasid_t ioasid)\n{\n\treturn missing_symbol;");
    const r = await cli(["validate", "--kernel-c", file, "--runs", "5"], work);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/ioasid\.c does not compile with the kit:\n[^\n]*ioasid\.c: In function .ioasid_get.:\n[^\n]*ioasid\.c:\d+:\d+: error: .missing_symbol. undeclared/);
    expect(r.stderr).not.toMatch(/internal error|    at /);
  }, 300_000);

  it.each([
    ["a missing file", ["--kernel-c", "nope/ioasid.c"], {}, /ioasid-check: nope\/ioasid\.c: no such file/],
    ["a file without hooks", ["--kernel-c", "package.json"], {}, /no accessor hooks beside package\.json: write package\.json\.kit\.c defining kit_inspect_id\(\)/],
    ["no C compiler", ["--kernel-c", "examples/kernel-c/ioasid.c", "--cflags", "-DNO_CC_TEST -O1"], { CC: "no-such-cc-command" }, /no C compiler: "no-such-cc-command" could not be started/],
    ["--cflags without --kernel-c", ["--exec", "python3", "--cflags=-O2"], {}, /--cflags goes with --kernel-c FILE/],
  ] as const)("%s is an input error (exit 2)", async (_name, args, env, message) => {
    const r = await cli(["validate", ...args, "--runs", "5"], ROOT, env);
    expect(r.stderr).toMatch(message);
    expect(r.status).toBe(2);
  }, 120_000);
});
