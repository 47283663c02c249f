/**
 * Where the kernel C kit lives and what it is made of (kit/kernel/ in the package).
 *
 * Rules:
 *  1. The kit is found by walking up from this module to the folder holding
 *     `kit/kernel/include/linux/ioasid.h`, so the same code works from the sources (vitest) and
 *     from dist/ (the installed package).
 *  2. The stand-ins (`STAND_IN_SOURCES`) build without the protocol main, for their unit tests;
 *     the main (`MAIN_SOURCES`) adds the protocol side.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The kernel stand-ins' implementation files, relative to `kit/kernel/src/`. */
export const STAND_IN_SOURCES: readonly string[] = ["runtime.c", "printk.c", "slab.c", "rcu.c", "notifier.c", "xarray.c", "xarray-walk.c"];

/** The protocol main's files, relative to `kit/kernel/src/`. */
export const MAIN_SOURCES: readonly string[] = [
  "json.c", "json-string.c", "json-out.c", "wire.c", "handles.c", "args.c", "reply.c", "callbacks.c", "methods-sets.c",
  "methods-ids.c", "methods-notify.c", "methods-inspect.c", "dispatch.c", "main.c",
];

/** The folders and files of the kit. */
export interface KitLayout {
  /** `kit/kernel/` */
  readonly root: string;
  /** `kit/kernel/include/`: the stand-in headers (`linux/...`) and the kit's own (`kit/...`). */
  readonly include: string;
  /** `kit/kernel/src/` */
  readonly src: string;
}

let cached: KitLayout | null = null;

/** Rule 1. Throws when the package was installed without its kit. */
export const kitLayout = (): KitLayout => {
  if (cached !== null) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const root = join(dir, "kit", "kernel");
    if (existsSync(join(root, "include", "linux", "ioasid.h"))) {
      cached = { root, include: join(root, "include"), src: join(root, "src") };
      return cached;
    }
    const up = dirname(dir);
    if (up === dir) throw new Error("the kernel C kit (kit/kernel/) is missing from this installation");
    dir = up;
  }
};
