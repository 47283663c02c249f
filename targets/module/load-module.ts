/**
 * Loading a user's implementation module: an ES module exporting `createCore(config)` (or a
 * default export of that function) that returns an IoasidCore.
 *
 * Rules:
 *  1. Every way the module can be wrong is a ModuleError naming the module and what is wrong:
 *     not found, not importable, no createCore, createCore throwing, or returning an object
 *     that lacks a method of the interface.
 *  2. The returned factory checks each core it creates the same way, so a factory that breaks
 *     later is reported, not trusted.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { IoasidCore } from "../../api/core.js";

/** A module that cannot be used, with the reason. */
export class ModuleError extends Error {
  override readonly name = "ModuleError";
}

/** The methods an IoasidCore must have. */
export const CORE_METHODS: readonly (keyof IoasidCore)[] = [
  "allocSet", "adjustSet", "setGet", "setGetLocked", "setPut", "setPutLocked", "forEachIoasid", "alloc", "free",
  "get", "getLocked", "put", "putLocked", "find", "attachData", "attachSpid", "detachSpid", "findBySpid",
  "registerNotifier", "unregisterNotifier", "registerNotifierMm", "unregisterNotifierMm", "notify",
  "registerAllocator", "unregisterAllocator", "inspectId",
];

/** The configuration handed to createCore. */
export interface ModuleConfig {
  readonly capacity: number;
}

/** Has `v` every IoasidCore method? */
export const isCore = (v: unknown): v is IoasidCore =>
  typeof v === "object" && v !== null && CORE_METHODS.every((m) => m in v && typeof Reflect.get(v, m) === "function");

const missingMethods = (v: unknown): readonly string[] =>
  typeof v !== "object" || v === null ? ["(not an object)"] : CORE_METHODS.filter((m) => !(m in v) || typeof Reflect.get(v, m) !== "function");

/** Load `path` and return a checked core factory (rule 1, 2). */
export const loadCoreModule = async (path: string): Promise<(config: ModuleConfig) => IoasidCore> => {
  const file = resolve(path);
  if (!existsSync(file)) throw new ModuleError(`${path}: no such file`);
  let mod: unknown;
  try {
    mod = await import(pathToFileURL(file).href);
  } catch (e) {
    throw new ModuleError(`${path}: cannot be imported as an ES module (${e instanceof Error ? e.message : String(e)})${file.endsWith(".ts") ? "; compile TypeScript to JavaScript first" : ""}`);
  }
  const exported = typeof mod === "object" && mod !== null ? (Reflect.get(mod, "createCore") ?? Reflect.get(mod, "default")) : undefined;
  if (typeof exported !== "function") throw new ModuleError(`${path}: exports no createCore(config) function (named export createCore, or a default export)`);
  const factory = (config: ModuleConfig): IoasidCore => {
    let core: unknown;
    try {
      core = Reflect.apply(exported, undefined, [config]);
    } catch (e) {
      throw new ModuleError(`${path}: createCore threw: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!isCore(core)) throw new ModuleError(`${path}: createCore returned an object without ${missingMethods(core).join(", ")}`);
    return core;
  };
  factory({ capacity: 24 });
  return factory;
};
