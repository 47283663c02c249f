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
 *  3. The result is cached under `.ioasid-check/build/<hash>/` in the working directory (a
 *     folder that ignores itself in git), keyed by everything that goes into it: the kit, the
 *     file, its hooks, the flags, the compiler. A build is made in a temporary folder and
 *     renamed into place, so concurrent runs never see half a build. When the working
 *     directory is not writable, the build goes to a fresh temporary folder instead.
 *  4. Every way the build can fail (no such file, no hooks, no compiler, a compile error) is a
 *     KernelCError carrying the reason, the compiler's diagnostics included: an input error.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { ALL_ERRNOS } from "../../api/errno.js";
import { compilerCommand, KERNEL_FILE_CFLAGS, runCompiler } from "./compiler.js";
import { kitLayout, MAIN_SOURCES, STAND_IN_SOURCES } from "./kit-files.js";

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

/** A C string literal of a path. */
const cString = (s: string): string => JSON.stringify(s);

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

/** Rule 3: the cache root in the working directory, or null when it cannot be made. */
const cacheRoot = (): string | null => {
  const top = resolve(".ioasid-check");
  try {
    if (!existsSync(top)) {
      mkdirSync(top, { recursive: true });
      writeFileSync(join(top, ".gitignore"), "*\n");
    }
    const root = join(top, "build");
    mkdirSync(root, { recursive: true });
    return root;
  } catch {
    return null;
  }
};

/** Compile into `dir` (rule 2); throws a KernelCError with the diagnostics. */
const compileInto = (dir: string, unit: string, cflags: readonly string[], shownFile: string, absFile: string): void => {
  const kit = kitLayout();
  const includes = ["-I", kit.include, "-I", dir];
  const steps: readonly (readonly string[])[] = [
    [...includes, ...cflags, "-c", ...[...STAND_IN_SOURCES, ...MAIN_SOURCES].map((s) => join(kit.src, s))],
    [...includes, ...KERNEL_FILE_CFLAGS, ...cflags, "-c", unit, "-o", join(dir, "unit.o")],
  ];
  for (const args of steps) {
    const r = runCompiler(args, dir);
    if (!r.ok) {
      const message = r.message.split(absFile).join(shownFile);
      throw new KernelCError(r.kind === "missing" ? message : `${shownFile} does not compile with the kit:\n${message}`);
    }
  }
  const objects = readdirSync(dir).filter((f) => f.endsWith(".o")).map((f) => join(dir, f));
  const linked = runCompiler([...cflags, "-o", join(dir, BINARY), ...objects, "-lm"], dir);
  if (!linked.ok) throw new KernelCError(`${shownFile} does not link with the kit:\n${linked.message.split(absFile).join(shownFile)}`);
};

/** Build `source` with the kit (rules 1-4); the cached program when nothing changed. */
export const buildKernelC = (source: KernelCSource): KernelCBuild => {
  const absFile = resolve(source.file);
  const hooks = hooksFileOf(absFile);
  const text = readable(absFile, source.file, "no such file");
  const shownHooks = relative(process.cwd(), hooks) || hooks;
  const hooksText = readable(hooks, shownHooks,
    `no accessor hooks beside ${source.file}: write ${shownHooks} defining kit_inspect_id() (docs/writing-an-implementation.md)`);
  const kit = kitLayout();
  const hash = createHash("sha256");
  for (const part of [compilerCommand(), absFile, text, hooks, hooksText, errnosHeader(), ...source.cflags]) hash.update(`${part.length}:${part}`);
  for (const f of kitFiles(kit.include).concat(kitFiles(kit.src))) hash.update(`${f}:${readFileSync(f, "utf8")}`);
  const key = hash.digest("hex").slice(0, 24);

  const root = cacheRoot();
  const final = root === null ? null : join(root, key);
  if (final !== null && existsSync(join(final, BINARY))) return { binary: join(final, BINARY), hooks, cached: true };
  const work = mkdtempSync(root === null ? join(tmpdir(), "ioasid-kit-") : join(root, `${key}.tmp-`));
  const unit = join(work, "unit.c");
  writeFileSync(unit, `/* Generated by ioasid-check: the file under test, then its accessor hooks. */\n#include ${cString(absFile)}\n#include ${cString(hooks)}\n`);
  writeFileSync(join(work, "kit-errnos.h"), errnosHeader());
  try {
    compileInto(work, unit, source.cflags, source.file, absFile);
  } catch (e) {
    rmSync(work, { recursive: true, force: true });
    throw e;
  }
  if (final === null) return { binary: join(work, BINARY), hooks, cached: false };
  try {
    renameSync(work, final);
  } catch {
    rmSync(work, { recursive: true, force: true });
    if (!existsSync(join(final, BINARY))) throw new KernelCError(`cannot store the build in ${dirname(final)}`);
  }
  return { binary: join(final, BINARY), hooks, cached: false };
};
