/**
 * Unit tests of the kit's kernel stand-ins: each C test program in tests/ is compiled with the
 * stand-ins (as the kit compiles a user's file) and run; every "ok" line is a passed case.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { kitLayout, STAND_IN_SOURCES } from "../../targets/kernel-c/kit-files.js";
import { runCompiler } from "../../targets/kernel-c/compiler.js";

const kit = kitLayout();
const out = mkdtempSync(join(tmpdir(), "ioasid-kit-test-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const programs = readdirSync(join(kit.root, "tests")).filter((f) => f.endsWith("-test.c")).sort();

describe("kernel stand-ins", () => {
  it("has test programs", () => {
    expect(programs).toEqual(["locks-test.c", "notifier-test.c", "refcount-test.c", "slab-test.c", "xarray-test.c"]);
  });

  it.each(programs)("%s passes", (program) => {
    const exe = join(out, program.replace(/\.c$/, ""));
    const built = runCompiler(["-I", kit.include, "-o", exe, join(kit.root, "tests", program), ...STAND_IN_SOURCES.map((s) => join(kit.src, s))], out);
    expect(built.ok ? "" : built.message).toBe("");
    const r = spawnSync(exe, [], { encoding: "utf8", timeout: 60_000 });
    const lines = r.stdout.trim().split("\n");
    expect(lines.filter((l) => !l.startsWith("ok ")), r.stderr).toEqual([]);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(r.status).toBe(0);
  }, 120_000);
});
