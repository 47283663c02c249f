/**
 * Flag combinations that must be refused before anything runs: exit 2, one line naming the flag.
 */
import { join } from "node:path";
import type { HostileCase } from "./case.js";

const CORE = "counterexamples/corpus/core-reclaim-ignoring-refs.json";

/** `[argv, what the line must name]`; the case's folder is not used. */
const REFUSED: ReadonlyArray<readonly [readonly string[], RegExp]> = [
  [["run", "--runs", "0"], /--runs/], [["run", "--runs", "-1"], /--runs/], [["run", "--runs", "1.5"], /--runs/], [["run", "--runs", "x"], /--runs/],
  [["run", "--runs", "1e3"], /--runs/], [["run", "--runs", ""], /--runs/], [["run", "--runs", "99999999999999999999"], /--runs/],
  [["run", "--seed", "x"], /--seed/], [["run", "--seed", "1.5"], /--seed/], [["run", "--seed", "4294967296"], /--seed/], [["run", "--seed", "-2147483649"], /--seed/],
  [["run", "--seed", ""], /--seed/], [["run", "--seed", "0x10"], /--seed/], [["run", "--seed"], /--seed/],
  [["run", "--time", "0"], /--time/], [["run", "--time", "-1"], /--time/], [["run", "--time", "x"], /--time/], [["run", "--time", ""], /--time/],
  [["run", "--time", "1", "--runs", "5"], /--runs N or --time/],
  [["run", "--workers", "0"], /--workers/], [["run", "--workers", "x"], /--workers/],
  [["run", "--shard", "0/1"], /--shard/], [["run", "--shard", "2/1"], /--shard/], [["run", "--shard", "1/0"], /--shard/], [["run", "--shard", "a/b"], /--shard/],
  [["run", "--shard", "9/9"], /--shard/], [["run", "--shard", "1/2/3"], /--shard/], [["run", "--shard", "-1/2"], /--shard/], [["run", "--shard", ""], /--shard/],
  [["run", "--suite", "core", "--seed", "1", "--path", ""], /--path/], [["run", "--suite", "core", "--seed", "1", "--path", "x"], /--path/],
  [["run", "--suite", "core", "--seed", "1", "--path", "1:2 3"], /--path/], [["run", "--suite", "core", "--path", "1:2"], /--path/],
  [["run", "--path", "1:2", "--seed", "1"], /--path/], [["run", "--suite", "core", "--seed", "1", "--path", "1:2", "--time", "1"], /--path/],
  [["run", "--suite", "core", "--seed", "1", "--path", "1:2", "--shard", "1/2"], /--path/],
  [["run", "--suite", "nope"], /unknown suite "nope"/], [["run", "--suite", ""], /unknown suite/], [["run", "extra"], /unexpected argument/],
  [["run", "--html", ""], /--html/], [["run", "--shard", "1/2", "--html", "x.html"], /--html/], [["run", "--bogus"], /bogus/],
  [["frobnicate"], /unknown command "frobnicate"/], [["replay"], /replay expects/], [["merge"], /merge expects/], [["show"], /show expects/],
  [["show", CORE, CORE], /show expects one trace file/], [["show", CORE, "--format", "pdf"], /--format/], [["show", CORE, "--html", "x.html"], /--html/],
  [["shrink"], /shrink expects/], [["shrink", CORE, CORE], /shrink expects one trace file/],
  [["validate"], /validate expects one of/], [["validate", "--impl", "a.js", "--exec", "b"], /validate expects one of/],
  [["validate", "--mutants", "--impl", "a.js"], /validate expects one of/], [["validate", "--exec", ""], /--exec expects a command/],
  [["validate", "--cflags", "-O2", "--impl", "a.js"], /--cflags goes with --kernel-c/], [["validate", "--impl", "a.js", "--timeout", "0"], /--timeout/],
  [["validate", "--impl", "a.js", "--suite", "nope"], /unknown suite/], [["validate", "--impl", "a.js", "--seed", "x"], /--seed/],
  [["validate", "--impl", "a.js", "--path", "1:2"], /--path/], [["validate", "--impl", "a.js", "--suite", "core", "--seed", "1", "--path", "zz"], /--path/],
  [["validate", "--mutants", "--html", "x.html"], /--html/], [["validate", "--impl", "a.js", "extra"], /unexpected argument/],
  [["validate", "--impl", "no/such/module.mjs"], /no such file/], [["validate", "--impl", "a.js", "--runs", "0"], /--runs/],
];

/** Every flag case (in-process). */
export const FLAG_CASES: readonly HostileCase[] = REFUSED.map(([argv, message]) => ({ name: argv.join(" "), argv: () => argv, expect: "input-error", message }));

/** Replay and merge of files that cannot be used, named by flag position. */
export const FILE_FLAG_CASES: readonly HostileCase[] = [
  { name: "merge: a trace instead of a shard", argv: () => ["merge", CORE], expect: "input-error", message: /not a shard file/ },
  { name: "merge: a missing file", argv: (dir) => ["merge", join(dir, "nope.json")], expect: "input-error", message: /not a readable JSON shard file/ },
  { name: "merge: binary bytes", files: { "s.json": Uint8Array.from([0, 255, 1, 254]) }, argv: (dir) => ["merge", join(dir, "s.json")], expect: "input-error" },
  { name: "replay: one good, one missing", argv: (dir) => ["replay", CORE, join(dir, "nope.json")], expect: "input-error", message: /nope\.json: cannot be read/ },
];
