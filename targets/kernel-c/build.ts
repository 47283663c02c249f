/**
 * Building a kernel C file with the kit: the IOASID file of a kernel tree, unchanged, compiled
 * with the kit's stand-in headers and protocol main into a program that speaks the exec
 * protocol (docs/writing-an-implementation.md, "From the ioasid.c of your tree to a validated
 * core").
 *
 * Rules:
 *  1. The file is compiled in one unit with its accessor hooks, `<name>.kit.c` beside it
 *     (kit/kernel/include/kit/inspect.h); a file without hooks is an input error saying so.
 *  2. The kit's sources are compiled with KIT_CFLAGS; the unit with KIT_CFLAGS,
 *     KERNEL_FILE_CFLAGS and the caller's flags (last, so they win); the caller's flags reach
 *     every step. The protocol's errnos come from api/errno.ts (a generated header).
 *  3. Builds are cached (cache.ts), keyed by everything that goes into them: the kit's objects
 *     by the kit (its files and which of them are compiled), the flags and the compiler; the program by those objects, the file and its
 *     hooks. Editing the file recompiles one unit, not the kit.
 *  4. Every way the build can fail (no such file, no hooks, no compiler, a compile error) is a
 *     KernelCError carrying the reason, the compiler's diagnostics included: an input error.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { ALL_ERRNOS } from "../../api/errno.js";
import { compilerCommand, KERNEL_FILE_CFLAGS, runCompiler } from "./compiler.js";
import { kitLayout, MAIN_SOURCES, STAND_IN_SOURCES } from "./kit-files.js";
import { cacheEntry, cacheRoot } from "./cache.js";

/** A kernel C file that cannot be built, with the reason (rule 4). */
export class KernelCError extends Error {
  override readonly name = "KernelCError";
}

/** What to build: the file and the extra compiler flags. */
export interface KernelCSource {
  readonly file: string;
  readonly cflags: readonly string[];
}

/** A built program. */
export interface KernelCBuild {
  /** The program speaking the exec protocol. */
  readonly binary: string;
  /** The accessor hooks it was built with. */
  readonly hooks: string;
  /** Taken from the cache rather than compiled now. */
  readonly cached: boolean;
}

/** Rule 1: the hooks of `x.c` are `x.kit.c`. */
export const hooksFileOf = (file: string): string => `${file.endsWith(".c") ? file.slice(0, -2) : file}.kit.c`;

const BINARY = "ioasid-kit";

/** The generated header of the protocol's errnos (rule 2). */
export const errnosHeader = (): string =>
  `/* Generated from api/errno.ts: the errnos the exec protocol can carry. */\n#define KIT_PROTOCOL_ERRNOS(X) ${ALL_ERRNOS.map((e) => `X(${e})`).join(" ")}\n`;

const readable = (path: string, shown: string, what: string): string => {
  try {
    if (!statSync(path).isFile()) throw new KernelCError(`${shown}: not a file`);
    return readFileSync(path, "utf8");
  } catch (e) {
    if (e instanceof KernelCError) throw e;
    throw new KernelCError(`${shown}: ${what}`);
  }
};

/** Every file of the kit, for the cache key. */
const kitFiles = (dir: string): readonly string[] =>
  readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => /\.[ch]$/.test(f)).sort().map((f) => join(dir, f));

/** Paths as the user named them, without the generated unit's "In file included from" lines. */
const tidy = (diagnostics: string, unit: string, names: ReadonlyMap<string, string>): string => {
  let text = diagnostics.split("\n").filter((l) => !(l.startsWith("In file included from") && l.includes(unit))).join("\n");
  for (const [abs, shown] of names) text = text.split(abs).join(shown);
  return text;
};

const keyOf = (parts: readonly string[]): string => {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(`${part.length}:${part}`);
  return hash.digest("hex").slice(0, 24);
};

/** The kit's objects, compiled once per kit, flags and compiler (rule 2). */
const kitObjects = (root: string | null, cflags: readonly string[]): { readonly dir: string; readonly key: string } => {
  const kit = kitLayout();
  const files = kitFiles(kit.include).concat(kitFiles(kit.src));
  const key = `kit-${keyOf([compilerCommand(), errnosHeader(), ...cflags, ...STAND_IN_SOURCES, ...MAIN_SOURCES, ...files.flatMap((f) => [f, readFileSync(f, "utf8")])])}`;
  const entry = cacheEntry(root, key, "kit.ok", (dir) => {
    writeFileSync(join(dir, "kit-errnos.h"), errnosHeader());
    const r = runCompiler(["-I", kit.include, "-I", dir, ...cflags, "-c", ...[...STAND_IN_SOURCES, ...MAIN_SOURCES].map((s) => join(kit.src, s))], dir);
    if (!r.ok) throw new KernelCError(r.kind === "missing" ? r.message : `the kit does not compile with these flags:\n${r.message}`);
    writeFileSync(join(dir, "kit.ok"), "");
  });
  return { dir: entry.dir, key };
};

/**
 * Build `source` with the kit (rules 1-4); the cached program when nothing changed. Relative
 * paths, and the cache, are taken from `workDir` (default: the working directory).
 */
export const buildKernelC = (source: KernelCSource, workDir: string = process.cwd()): KernelCBuild => {
  const absFile = resolve(workDir, source.file);
  const hooks = hooksFileOf(absFile);
  const text = readable(absFile, source.file, "no such file");
  const shownHooks = relative(workDir, hooks) || hooks;
  const hooksText = readable(hooks, shownHooks,
    `no accessor hooks beside ${source.file}: write ${shownHooks} defining kit_inspect_id() (docs/writing-an-implementation.md)`);
  const root = cacheRoot(workDir);
  const objects = kitObjects(root, source.cflags);
  const names = new Map([[hooks, shownHooks], [absFile, source.file]]);
  const program = cacheEntry(root, keyOf([objects.key, absFile, text, hooks, hooksText]), BINARY, (dir) => {
    const unit = join(dir, "unit.c");
    writeFileSync(unit, `/* Generated by ioasid-check: the file under test, then its accessor hooks. */\n#include ${JSON.stringify(absFile)}\n#include ${JSON.stringify(hooks)}\n`);
    const compiled = runCompiler(["-I", kitLayout().include, ...KERNEL_FILE_CFLAGS, ...source.cflags, "-c", unit, "-o", join(dir, "unit.o")], dir);
    if (!compiled.ok) {
      const message = tidy(compiled.message, unit, names);
      throw new KernelCError(compiled.kind === "missing" ? message : `${source.file} does not compile with the kit:\n${message}`);
    }
    const kitObjs = readdirSync(objects.dir).filter((f) => f.endsWith(".o")).map((f) => join(objects.dir, f));
    const linked = runCompiler([...source.cflags, "-o", join(dir, BINARY), join(dir, "unit.o"), ...kitObjs, "-lm"], dir);
    if (!linked.ok) throw new KernelCError(`${source.file} does not link with the kit:\n${tidy(linked.message, unit, names)}`);
  });
  return { binary: join(program.dir, BINARY), hooks, cached: program.cached };
};
