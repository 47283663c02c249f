/**
 * Store and output paths: a store that cannot be read, holds unusable traces, or an output that
 * cannot be written. These run through the real binary (`run` writes its progress to stderr).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { HostileCase } from "./case.js";

const CORE = "counterexamples/corpus/core-reclaim-ignoring-refs.json";
const run = (store: string) => ["run", "--suite", "core", "--runs", "2", "--seed", "1", "--store", store];
const trace = (edit: (t: Record<string, unknown>) => Record<string, unknown>): string => {
  const t: unknown = JSON.parse(readFileSync(CORE, "utf8"));
  return JSON.stringify(typeof t === "object" && t !== null ? edit({ ...t }) : t);
};

/** Every store and output case. */
export const STORE_CASES: readonly HostileCase[] = [
  { name: "run: the store is a file", files: { store: "x" }, argv: (d) => run(join(d, "store")), expect: "input-error", binaryOnly: true, message: /the store cannot be listed/ },
  { name: "run: the store is /dev/null", argv: () => run("/dev/null"), expect: "input-error", binaryOnly: true, message: /\/dev\/null: the store cannot be listed/ },
  { name: "run: the store holds truncated JSON", files: { "store/a.json": "{\"format\": \"ioasid" }, argv: (d) => run(join(d, "store")), expect: "input-error", binaryOnly: true, message: /truncated JSON/ },
  { name: "run: the store holds a trace of an unknown implementation", files: { "store/a.json": trace((t) => ({ ...t, implementation: "nope" })) }, argv: (d) => run(join(d, "store")), expect: "input-error", binaryOnly: true, message: /field implementation/ },
  { name: "run: the store holds a folder named like a trace", files: { "store/a.json/x": "" }, argv: (d) => run(join(d, "store")), expect: "input-error", binaryOnly: true, message: /a\.json: cannot be read/ },
  { name: "run: the store holds a trace out of the domain", files: { "store/a.json": trace((t) => ({ ...t, capacity: 0 })) }, argv: (d) => run(join(d, "store")), expect: "input-error", binaryOnly: true, message: /field capacity/ },
  { name: "run: a store that does not exist yet", argv: (d) => run(join(d, "new", "deeper")), expect: "accepted", binaryOnly: true },
  { name: "run: a shard --out under /proc", argv: (d) => [...run(join(d, "s")), "--shard", "1/2", "--out", "/proc/nope/s.json"], expect: "input-error", binaryOnly: true, message: /\/proc\/nope\/s\.json/ },
  { name: "shrink: --out under /proc", argv: () => ["shrink", CORE, "--out", "/proc/nope/x.json"], expect: "input-error", message: /\/proc\/nope\/x\.json/ },
  { name: "shrink: --out under /dev/null", argv: () => ["shrink", CORE, "--out", "/dev/null/x.json"], expect: "input-error", message: /\/dev\/null\/x\.json/ },
  { name: "shrink: --out is a folder", files: { "out/x.json/keep": "" }, argv: (d) => ["shrink", CORE, "--out", join(d, "out", "x.json")], expect: "input-error", message: /x\.json/ },
  { name: "shrink: --out in folders that do not exist yet", argv: (d) => ["shrink", CORE, "--out", join(d, "a", "b", "x.json")], expect: "accepted" },
];
