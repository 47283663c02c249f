/**
 * The build cache of the kernel C target: `.ioasid-check/build/` in the working directory.
 *
 * Rules:
 *  1. `.ioasid-check/` is made on first use with a `.gitignore` of `*`, so it never shows in git.
 *  2. An entry is a folder named by its key. It is made in a temporary sibling and renamed into
 *     place once complete, so a concurrent run sees a whole entry or none; the losing run of a
 *     race drops its own copy.
 *  3. The most recent KEPT_ENTRIES entries are kept, and no temporary folder older than an hour.
 *  4. When the cache cannot be written, entries are made in fresh temporary folders (not kept).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const KEPT_ENTRIES = 12;

/** Rule 1: the cache root in `workDir`, or null when it cannot be made (rule 4). */
export const cacheRoot = (workDir: string): string | null => {
  const top = resolve(workDir, ".ioasid-check");
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

/** Rule 3. */
const prune = (root: string): void => {
  try {
    const entries = readdirSync(root).map((d) => ({ d, t: statSync(join(root, d)).mtimeMs })).sort((a, b) => b.t - a.t);
    const kept = entries.filter((e) => !e.d.includes(".tmp-"));
    const abandoned = entries.filter((e) => e.d.includes(".tmp-") && e.t < Date.now() - 3_600_000);
    for (const { d } of [...kept.slice(KEPT_ENTRIES), ...abandoned]) rmSync(join(root, d), { recursive: true, force: true });
  } catch {
    // another run pruned at the same time: nothing to do
  }
};

/** A cache entry: its folder, and whether it was there already. */
export interface CacheEntry {
  readonly dir: string;
  readonly cached: boolean;
}

/**
 * The entry `key`, complete when its file `done` exists; otherwise made by `make` (rule 2).
 * Whatever `make` throws is passed on, and its temporary folder removed.
 */
export const cacheEntry = (root: string | null, key: string, done: string, make: (dir: string) => void): CacheEntry => {
  const final = root === null ? null : join(root, key);
  if (final !== null && existsSync(join(final, done))) return { dir: final, cached: true };
  const work = mkdtempSync(root === null ? join(tmpdir(), "ioasid-kit-") : join(root, `${key}.tmp-`));
  try {
    make(work);
  } catch (e) {
    rmSync(work, { recursive: true, force: true });
    throw e;
  }
  if (final === null) return { dir: work, cached: false };
  try {
    renameSync(work, final);
  } catch {
    rmSync(work, { recursive: true, force: true });
    if (!existsSync(join(final, done))) return { dir: work, cached: false };
  }
  if (root !== null) prune(root);
  return { dir: final, cached: false };
};
