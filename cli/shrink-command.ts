/**
 * `ioasid-check shrink FILE`: minimize a failing trace (no generator context needed) and write it
 * next to the original (or to --out).
 */
import { readTrace, writeTrace } from "../counterexamples/store.js";
import { shrinkTrace } from "../counterexamples/shrink/index.js";
import { basename, dirname } from "node:path";
import { UsageError } from "./args.js";

export const shrinkCommand = (file: string, out: string | undefined, json: boolean, print: (s: string) => void): number => {
  const r = shrinkTrace(readTrace(file));
  if (!r.ok) throw new UsageError(`${file}: ${r.error}`);
  const target = out ?? file.replace(/\.json$/, "") + ".shrunk.json";
  const written = writeTrace(dirname(target), basename(target), r.trace);
  if (json) print(JSON.stringify({ file, written, before: r.before, after: r.after, replays: r.replays }, null, 2));
  else print(`${file}: ${r.before} -> ${r.after} steps (${r.replays} replays), same failure class; written to ${written}`);
  return 0;
};
