/**
 * Threads and shards: throughput of the real binary (`run --suite core --time T --json`) on one
 * thread, on two threads, and as two shard processes started together, each for the same wall
 * time; and the default budget's wall time with the default worker count and with two threads.
 *
 * Rules:
 *  1. Throughput is completed runs per wall-clock second of the suites (the `wallMs` the binary
 *     reports, so process start-up and the store replay are not counted).
 *  2. Each round measures every configuration back to back; ratios are per round, reported with
 *     their spread. The load average is printed: on a shared machine the figures say what the
 *     machine gave, not what the code can do.
 */
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { formatSpread } from "./suite-throughput.js";

const BIN = fileURLToPath(new URL("../../bin/ioasid-check.js", import.meta.url));

/** Run the binary; stdout. */
const runBin = (args: readonly string[]): Promise<string> =>
  new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "ignore"] });
    let out = "";
    p.stdout.setEncoding("utf8");
    p.stdout.on("data", (s: string) => { out += s; });
    p.on("error", reject);
    p.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`ioasid-check ${args.join(" ")} exited ${String(code)}`))));
  });

const num = (v: unknown, key: string): number => {
  if (typeof v === "object" && v !== null && key in v) {
    const x: unknown = Object.getOwnPropertyDescriptor(v, key)?.value;
    if (typeof x === "number") return x;
  }
  throw new Error(`no number ${key} in the binary's output`);
};
const list = (v: unknown, key: string): readonly unknown[] => {
  const x: unknown = typeof v === "object" && v !== null ? Object.getOwnPropertyDescriptor(v, key)?.value : undefined;
  if (!Array.isArray(x)) throw new Error(`no list ${key} in the binary's output`);
  return x;
};

/** Runs and wall time of one unsharded run. */
const unsharded = async (args: readonly string[]): Promise<{ readonly runs: number; readonly wallMs: number }> => {
  const v: unknown = JSON.parse(await runBin(["run", ...args, "--json", "--store", mkdtempSync(join(tmpdir(), "ioasid-bench-"))]));
  return { runs: list(v, "suites").reduce((a: number, s) => a + num(s, "runs"), 0), wallMs: num(v, "wallMs") };
};

/** Runs of two shards started together. */
const sharded = async (args: readonly string[]): Promise<number> => {
  const store = mkdtempSync(join(tmpdir(), "ioasid-bench-"));
  const outs = await Promise.all([1, 2].map((k) => runBin(["run", ...args, "--shard", `${k}/2`, "--json", "--store", store])));
  return outs.reduce((a, o) => a + list(JSON.parse(o), "chunks").reduce((b: number, c) => b + num(c, "runs"), 0), 0);
};

/** One round's figures. */
export interface ParallelRound {
  readonly load: number;
  readonly oneThread: { readonly runs: number; readonly wallMs: number };
  readonly twoThreads: { readonly runs: number; readonly wallMs: number };
  readonly twoShardRuns: number;
  readonly defaultWallMs: number;
  readonly defaultTwoWallMs: number;
}

/** `rounds` rounds of `seconds` each per configuration. */
export const runParallelBench = async (seconds = 10, rounds = 2): Promise<readonly ParallelRound[]> => {
  const out: ParallelRound[] = [];
  const timed = ["--suite", "core", "--time", String(seconds), "--seed", "7"];
  for (let i = 0; i < rounds; i++) {
    const load = loadavg()[0] ?? 0;
    const oneThread = await unsharded([...timed, "--workers", "1"]);
    const twoThreads = await unsharded([...timed, "--workers", "2"]);
    const twoShardRuns = await sharded([...timed, "--workers", "1"]);
    const defaultWallMs = (await unsharded(["--seed", "7"])).wallMs;
    const defaultTwoWallMs = (await unsharded(["--seed", "7", "--workers", "2"])).wallMs;
    out.push({ load, oneThread, twoThreads, twoShardRuns, defaultWallMs, defaultTwoWallMs });
  }
  return out;
};

const rate = (r: { readonly runs: number; readonly wallMs: number }): number => r.runs / (r.wallMs / 1000);

/** The rounds as text. */
export const formatParallelRows = (rounds: readonly ParallelRound[], seconds = 10): string => [
  ...rounds.map((r, i) => [
    `round ${i + 1} (load average ${r.load.toFixed(1)}): core --time ${seconds}: 1 thread ${r.oneThread.runs} runs in ${(r.oneThread.wallMs / 1000).toFixed(1)} s,`,
    ` 2 threads ${r.twoThreads.runs} runs in ${(r.twoThreads.wallMs / 1000).toFixed(1)} s (${(rate(r.twoThreads) / rate(r.oneThread)).toFixed(2)}x),`,
    ` 2 shards ${r.twoShardRuns} runs (${(r.twoShardRuns / r.oneThread.runs).toFixed(2)}x the work of 1 process);`,
    ` default run ${(r.defaultWallMs / 1000).toFixed(1)} s with the default workers, ${(r.defaultTwoWallMs / 1000).toFixed(1)} s with --workers 2`,
  ].join("")),
  `2 threads / 1 thread throughput: ${formatSpread(rounds.map((r) => rate(r.twoThreads) / rate(r.oneThread)))}; goal >= 1.7x on 2 idle cores`,
  `2 shards / 1 process work in the same time: ${formatSpread(rounds.map((r) => r.twoShardRuns / r.oneThread.runs))}; goal 2x`,
  `default run, default workers / --workers 2 wall time: ${formatSpread(rounds.map((r) => r.defaultWallMs / r.defaultTwoWallMs))}; goal <= 1x (the default is never slower)`,
].join("\n");
