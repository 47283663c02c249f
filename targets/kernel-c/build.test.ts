/**
 * Building a kernel C file with the kit: the cache, and every input error naming its cause
 * (no file, no hooks, a compile error with the compiler's message, no compiler).
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { ALL_ERRNOS } from "../../api/errno.js";
import { buildKernelC, errnosHeader, hooksFileOf, KernelCError } from "./index.js";

const EXAMPLE = fileURLToPath(new URL("../../examples/kernel-c/", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "ioasid-kernel-c-build-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));


const errorOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof KernelCError) return e.message;
    throw e;
  }
  throw new Error("expected a KernelCError");
};

describe("buildKernelC", () => {
  it("names the hooks file after the C file", () => {
    expect(hooksFileOf("a/b/ioasid.c")).toBe("a/b/ioasid.kit.c");
    expect(hooksFileOf("core")).toBe("core.kit.c");
  });

  it("generates the protocol's errnos from api/errno.ts", () => {
    for (const e of ALL_ERRNOS) expect(errnosHeader()).toContain(`X(${e})`);
  });

  it("builds the example once, then takes it from the cache in .ioasid-check/build/", () => {
    const first = buildKernelC({ file: join(EXAMPLE, "ioasid.c"), cflags: [] }, work);
    expect(first.binary.startsWith(join(work, ".ioasid-check", "build"))).toBe(true);
    expect(existsSync(first.binary)).toBe(true);
    expect(readFileSync(join(work, ".ioasid-check", ".gitignore"), "utf8")).toBe("*\n");
    const again = buildKernelC({ file: join(EXAMPLE, "ioasid.c"), cflags: [] }, work);
    expect(again).toEqual({ ...first, cached: true });
    // Other flags are another build; these turn back on every warning of -Wall -Wextra that a
    // kernel file is spared, and the example is clean with them.
    const strict = buildKernelC({ file: join(EXAMPLE, "ioasid.c"), cflags: ["-Wunused-parameter", "-Wsign-compare", "-Wmissing-field-initializers"] }, work);
    expect(strict.cached).toBe(false);
    expect(strict.binary).not.toBe(first.binary);
    expect(existsSync(strict.binary)).toBe(true);
  }, 300_000);

  it("a missing file, and a file without hooks, are input errors naming what is missing", () => {
    expect(errorOf(() => buildKernelC({ file: "nope/ioasid.c", cflags: [] }, work))).toBe("nope/ioasid.c: no such file");
    const dir = mkdtempSync(join(work, "nohooks-"));
    copyFileSync(join(EXAMPLE, "ioasid.c"), join(dir, "ioasid.c"));
    expect(errorOf(() => buildKernelC({ file: join(dir, "ioasid.c"), cflags: [] }, work))).toMatch(/no accessor hooks beside .*ioasid\.c: write .*ioasid\.kit\.c defining kit_inspect_id\(\)/);
  });

  it("a compile error carries the compiler's message, with the file as it was named", () => {
    const dir = mkdtempSync(join(work, "broken-"));
    const text = readFileSync(join(EXAMPLE, "ioasid.c"), "utf8").replace("int ioasid_get(struct ioasid_set *set, ioasid_t ioasid)\n{", "int ioasid_get(struct ioasid_set *set, ioasid_t ioasid)\n{\n\tundeclared_thing++;");
    writeFileSync(join(dir, "ioasid.c"), text);
    copyFileSync(join(EXAMPLE, "ioasid.kit.c"), join(dir, "ioasid.kit.c"));
    const message = errorOf(() => buildKernelC({ file: join(dir, "ioasid.c"), cflags: [] }, work));
    expect(message).toMatch(/ioasid\.c does not compile with the kit:/);
    expect(message).toMatch(/ioasid\.c:\d+:\d+: error: .undeclared_thing. undeclared/);
  }, 180_000);

  it("no C compiler is an input error naming the command", () => {
    const saved = process.env["CC"];
    process.env["CC"] = "/nonexistent/bin/cc";
    try {
      expect(errorOf(() => buildKernelC({ file: join(EXAMPLE, "ioasid.c"), cflags: ["-DFRESH_KEY"] }, work))).toMatch(/no C compiler: "\/nonexistent\/bin\/cc" could not be started \(ENOENT\); install cc or set CC/);
    } finally {
      if (saved === undefined) delete process.env["CC"];
      else process.env["CC"] = saved;
    }
  });
});
