/**
 * The system C compiler, as the kit uses it.
 *
 * Rules:
 *  1. The compiler is `$CC` when set, else `cc`. A compiler that cannot be started is reported
 *     as missing, naming the command.
 *  2. Every compilation uses KIT_CFLAGS first; the caller's flags come after, so they can
 *     override (e.g. `-Wno-unused-parameter`).
 *  3. A compilation is bounded in time and its diagnostics are returned whole.
 */
import { spawnSync } from "node:child_process";

/** The flags of rule 2. */
export const KIT_CFLAGS: readonly string[] = ["-std=gnu11", "-Wall", "-Wextra", "-Werror", "-O1", "-g"];

/**
 * Added for the file under test only: the warnings the kernel's own W=1 build leaves off, so
 * an unchanged kernel file is not refused for them. `--cflags -Wunused-parameter` turns one
 * back on.
 */
export const KERNEL_FILE_CFLAGS: readonly string[] = ["-Wno-unused-parameter", "-Wno-sign-compare", "-Wno-missing-field-initializers"];

/** How long one compilation may take. */
const COMPILE_TIMEOUT_MS = 180_000;

/** Rule 1. */
export const compilerCommand = (): string => {
  const cc = process.env["CC"];
  return cc !== undefined && cc.trim() !== "" ? cc.trim() : "cc";
};

/** The result of one compiler run. */
export type CompileResult =
  | { readonly ok: true; readonly diagnostics: string }
  | { readonly ok: false; readonly kind: "missing" | "failed"; readonly message: string };

/** Run the compiler with `args` (after KIT_CFLAGS) in `cwd`. */
export const runCompiler = (args: readonly string[], cwd: string): CompileResult => {
  const cc = compilerCommand();
  const r = spawnSync(cc, [...KIT_CFLAGS, ...args], { cwd, encoding: "utf8", timeout: COMPILE_TIMEOUT_MS, maxBuffer: 16 << 20 });
  if (r.error !== undefined) {
    const code = "code" in r.error ? String(r.error.code) : "";
    if (code === "ENOENT" || code === "EACCES") return { ok: false, kind: "missing", message: `no C compiler: "${cc}" could not be started (${code}); install cc or set CC` };
    return { ok: false, kind: "failed", message: `${cc} did not finish: ${r.error.message}` };
  }
  const diagnostics = `${r.stdout}${r.stderr}`.trim();
  if (r.status !== 0) return { ok: false, kind: "failed", message: diagnostics === "" ? `${cc} exited with ${String(r.status ?? r.signal)}` : diagnostics };
  return { ok: true, diagnostics };
};
