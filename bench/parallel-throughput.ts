/**
 * Threads and shards: throughput of the real binary (`run --suite core --time T --json`) on one
 * thread, on two threads, and as two shard processes started together, each for the same wall
 * time; the default budget's wall time with the default worker count and with two threads; and
 * the CPU time per completed run of one thread, two threads and two shards at the same --runs.
 *
 * Rules:
 *  1. Throughput is completed runs per wall-clock second of the suites (the `wallMs` the binary
 *     reports, so process start-up and the store replay are not counted).
 *  2. Each round measures every configuration back to back; ratios are per round, reported with
 *     their spread. The load average is printed: on a shared machine the wall-clock figures say
 *     what the machine gave, not what the code can do.
 *  3. CPU time is the whole process's (cpu-at-exit.ts: every thread, start-up included), so it
 *     counts what a second thread or a second process costs beside its runs: module loading,
 *     JIT warm-up, V8's compiler and GC threads. At the same --runs the work is the same whatever
 *     the thread count (plan.ts), so 2 threads / 1 thread CPU per run is the overhead that 2 idle
 *     cores cannot hide. The three are measured in a rotating order, so a load that drifts during
 *     a round does not favour one.
 *  3a. One thread's V8 helpers (compiler, GC) run beside it on the second core, so on 2 idle cores
 *     2 threads give about 2 x (1 thread's main-thread CPU per run) / (2 threads' CPU per run) the
 *     throughput of 1 (2 threads keep both cores busy; 1 thread's own work keeps one). The bench
 *     prints this estimate for the --time configurations, from CPU figures only (Linux, where the
 *     split by thread is known). It is not a bound: on a loaded machine 1 thread may not get a
 *     core to itself, and the measured ratio can be above or below it.
 *  4. Where `taskset` exists (Linux), 1 thread and 2 threads are measured again with the whole
 *     process pinned to one CPU: our threads then never run at the same time, so what two cores
 *     running at once cost each other (shared caches and memory bandwidth, which this machine's
 *     load also changes) drops out, and the ratio is the code's own overhead of a second thread.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { formatSpread, spread } from "./suite-throughput.js";
import { readCpu } from "./cpu-line.js";
import type { CpuSplit } from "./cpu-line.js";

/** The compiled bench directory, whether this module runs compiled (dist/bench/) or as source (bench/, under vitest). */
const HERE = new URL(".", import.meta.url);
const DIST_BENCH = HERE.pathname.endsWith("/dist/bench/") ? HERE : new URL("../dist/bench/", HERE);
const BIN = fileURLToPath(new URL("../../bin/ioasid-check.js", DIST_BENCH));
const PRELOAD = new URL("cpu-at-exit.js", DIST_BENCH).href;

/** What one process printed and the CPU time it took (rule 3). */
export interface Ran {
  readonly out: string;
  readonly cpu: CpuSplit;
}

/** Can processes be pinned to one CPU here (rule 4)? */
export const canPin = (): boolean => spawnSync("taskset", ["-c", "0", "true"], { stdio: "ignore" }).status === 0;

/** Run the binary with the CPU preload, pinned to CPU 0 if `pin`; its stdout and CPU time. */
export const runBin = (args: readonly string[], pin = false): Promise<Ran> =>
  new Promise((resolve, reject) => {
    const node = [process.execPath, "--import", PRELOAD, BIN, ...args];
    const p = pin ? spawn("taskset", ["-c", "0", ...node], { stdio: ["ignore", "pipe", "pipe"] }) : spawn(process.execPath, node.slice(1), { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    p.stdout.setEncoding("utf8");
    p.stderr.setEncoding("utf8");
    p.stdout.on("data", (s: string) => { out += s; });
    p.stderr.on("data", (s: string) => { err += s; });
    p.on("error", reject);
    p.on("close", (code) => {
      if (code !== 0) reject(new Error(`ioasid-check ${args.join(" ")} exited ${String(code)}`));
      else {
        try {
          resolve({ out, cpu: readCpu(err) });
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      }
    });
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

/** Runs, wall time of the suites and CPU time of the process(es). */
export interface Measured {
  readonly runs: number;
  readonly wallMs: number;
  readonly cpu: CpuSplit;
}

/** The CPU of two processes added up. */
const addCpu = (a: CpuSplit, b: CpuSplit): CpuSplit => ({
  total: a.total + b.total,
  threads: a.threads === null || b.threads === null ? null
    : { main: a.threads.main + b.threads.main, helpers: a.threads.helpers + b.threads.helpers, ended: a.threads.ended + b.threads.ended },
});

/** One unsharded run. */
export const unsharded = async (args: readonly string[], pin = false): Promise<Measured> => {
  const r = await runBin(["run", ...args, "--json", "--store", mkdtempSync(join(tmpdir(), "ioasid-bench-"))], pin);
  const v: unknown = JSON.parse(r.out);
  return { runs: list(v, "suites").reduce((a: number, s) => a + num(s, "runs"), 0), wallMs: num(v, "wallMs"), cpu: r.cpu };
};

/** Two shards started together: their runs and CPU added up; wallMs is the longer process's suites' time (the chunks' own). */
export const sharded = async (args: readonly string[]): Promise<Measured> => {
  const store = mkdtempSync(join(tmpdir(), "ioasid-bench-"));
  const [a, b] = await Promise.all([1, 2].map((k) => runBin(["run", ...args, "--shard", `${k}/2`, "--json", "--store", store])));
  if (a === undefined || b === undefined) throw new Error("a shard did not run");
  const outs = [a, b];
  const chunks = outs.map((o) => list(JSON.parse(o.out), "chunks"));
  return {
    runs: chunks.reduce((a, cs) => a + cs.reduce((b: number, c) => b + num(c, "runs"), 0), 0),
    wallMs: Math.max(...chunks.map((cs) => cs.reduce((b: number, c) => b + num(c, "ms"), 0))),
    cpu: addCpu(a.cpu, b.cpu),
  };
};

/** CPU per run at the same --runs (rule 3). */
export interface CpuRound {
  readonly runs: number;
  readonly oneThread: Measured;
  readonly twoThreads: Measured;
  readonly twoShards: Measured;
  /** 1 and 2 threads pinned to one CPU (rule 4), or null where they cannot be. */
  readonly pinned: { readonly oneThread: Measured; readonly twoThreads: Measured } | null;
}

/** One round's figures. */
export interface ParallelRound {
  readonly load: number;
  readonly oneThread: Measured;
  readonly twoThreads: Measured;
  readonly twoShards: Measured;
  readonly defaultWallMs: number;
  readonly defaultTwoWallMs: number;
  readonly cpu: CpuRound;
}

/** The three CPU configurations of round `round`, in a rotating order (rule 3). */
export const runCpuRound = async (runs: number, round: number): Promise<CpuRound> => {
  const args = ["--suite", "core", "--runs", String(runs), "--seed", "7"];
  const measure = [
    () => unsharded([...args, "--workers", "1"]),
    () => unsharded([...args, "--workers", "2"]),
    () => sharded([...args, "--workers", "1"]),
  ];
  const pin = canPin();
  const pinned: Measured[] = [];
  if (pin) {
    measure.push(
      async () => { pinned[0] = await unsharded([...args, "--workers", "1"], true); return pinned[0]; },
      async () => { pinned[1] = await unsharded([...args, "--workers", "2"], true); return pinned[1]; },
    );
  }
  const got: Measured[] = [];
  for (let j = 0; j < measure.length; j++) {
    const i = (j + round) % measure.length;
    const f = measure[i];
    if (f !== undefined) got[i] = await f();
  }
  const [oneThread, twoThreads, twoShards] = got;
  if (oneThread === undefined || twoThreads === undefined || twoShards === undefined) throw new Error("a CPU configuration was not measured");
  const [p1, p2] = pinned;
  return { runs, oneThread, twoThreads, twoShards, pinned: p1 === undefined || p2 === undefined ? null : { oneThread: p1, twoThreads: p2 } };
};

/** `rounds` rounds of `seconds` each per timed configuration, and the CPU configurations at `cpuRuns` runs. */
export const runParallelBench = async (seconds = 10, rounds = 2, cpuRuns = 3000): Promise<readonly ParallelRound[]> => {
  const out: ParallelRound[] = [];
  const timed = ["--suite", "core", "--time", String(seconds), "--seed", "7"];
  for (let i = 0; i < rounds; i++) {
    const load = loadavg()[0] ?? 0;
    const oneThread = await unsharded([...timed, "--workers", "1"]);
    const twoThreads = await unsharded([...timed, "--workers", "2"]);
    const twoShards = await sharded([...timed, "--workers", "1"]);
    const defaultWallMs = (await unsharded(["--seed", "7"])).wallMs;
    const defaultTwoWallMs = (await unsharded(["--seed", "7", "--workers", "2"])).wallMs;
    const cpu = await runCpuRound(cpuRuns, i);
    out.push({ load, oneThread, twoThreads, twoShards, defaultWallMs, defaultTwoWallMs, cpu });
  }
  return out;
};

const rate = (r: Measured): number => r.runs / (r.wallMs / 1000);

/** Rule 3a's estimate, or null without the split by thread. */
export const idleEstimate = (one: Measured, two: Measured): number | null =>
  one.cpu.threads === null ? null : (2 * (one.cpu.threads.main / one.runs)) / (two.cpu.total / two.runs);
const perRun = (r: Measured): number => r.cpu.total / r.runs;

/** CPU per run by thread: the main thread(s), ended threads (worker threads) and live helpers (V8's compiler and GC). */
const byThread = (r: Measured): string => {
  const t = r.cpu.threads;
  if (t === null) return "n/a";
  return `main ${(t.main / r.runs).toFixed(2)}${t.ended > 0.05 * r.cpu.total ? `, workers ${(t.ended / r.runs).toFixed(2)}` : ""}, V8 helpers ${(t.helpers / r.runs).toFixed(2)} ms`;
};
const ms = (x: number): string => `${x.toFixed(2)} ms`;

/** A spread of ratios to two decimals. */
const spread2 = (xs: readonly number[]): string => {
  const s = spread(xs);
  return `median ${s.median.toFixed(2)}x (min ${s.min.toFixed(2)}x, max ${s.max.toFixed(2)}x, ${xs.length} rounds)`;
};

/** The rounds as text. */
export const formatParallelRows = (rounds: readonly ParallelRound[], seconds = 10): string => [
  ...rounds.flatMap((r, i) => [[
    `round ${i + 1} (load average ${r.load.toFixed(1)}): core --time ${seconds}: 1 thread ${r.oneThread.runs} runs in ${(r.oneThread.wallMs / 1000).toFixed(1)} s,`,
    ` 2 threads ${r.twoThreads.runs} runs in ${(r.twoThreads.wallMs / 1000).toFixed(1)} s (${(rate(r.twoThreads) / rate(r.oneThread)).toFixed(2)}x),`,
    ` 2 shards ${r.twoShards.runs} runs (${(r.twoShards.runs / r.oneThread.runs).toFixed(2)}x the work of 1 process);`,
    ` default run ${(r.defaultWallMs / 1000).toFixed(1)} s with the default workers, ${(r.defaultTwoWallMs / 1000).toFixed(1)} s with --workers 2`,
  ].join(""), [
    `  CPU per run (whole process): --time ${seconds}: 1 thread ${ms(perRun(r.oneThread))}, 2 threads ${ms(perRun(r.twoThreads))}, 2 shards ${ms(perRun(r.twoShards))}`,
    ` (2 threads on 2 idle cores: about ${idleEstimate(r.oneThread, r.twoThreads)?.toFixed(2) ?? "n/a"}x);`,
    ` --runs ${r.cpu.runs}: 1 thread ${ms(perRun(r.cpu.oneThread))}, 2 threads ${ms(perRun(r.cpu.twoThreads))} (${(perRun(r.cpu.twoThreads) / perRun(r.cpu.oneThread)).toFixed(2)}x),`,
    ` 2 shards ${ms(perRun(r.cpu.twoShards))} (${(perRun(r.cpu.twoShards) / perRun(r.cpu.oneThread)).toFixed(2)}x)`,
  ].join(""),
  `  by thread at --runs ${r.cpu.runs}: 1 thread: ${byThread(r.cpu.oneThread)}; 2 threads: ${byThread(r.cpu.twoThreads)}; 2 shards: ${byThread(r.cpu.twoShards)}`,
  r.cpu.pinned === null ? "  pinned to one CPU: not measured (no taskset)"
    : `  pinned to one CPU: 1 thread ${ms(perRun(r.cpu.pinned.oneThread))} (${byThread(r.cpu.pinned.oneThread)}), 2 threads ${ms(perRun(r.cpu.pinned.twoThreads))} (${byThread(r.cpu.pinned.twoThreads)}), ${(perRun(r.cpu.pinned.twoThreads) / perRun(r.cpu.pinned.oneThread)).toFixed(2)}x`]),
  `2 threads / 1 thread throughput: ${formatSpread(rounds.map((r) => rate(r.twoThreads) / rate(r.oneThread)))}; goal >= 1.7x on 2 idle cores`,
  ...(rounds.every((r) => idleEstimate(r.oneThread, r.twoThreads) !== null)
    ? [`2 threads / 1 thread throughput on 2 idle cores, estimated from CPU figures (rule 3a): ${spread2(rounds.flatMap((r) => idleEstimate(r.oneThread, r.twoThreads) ?? []))}`]
    : []),
  `2 shards / 1 process work in the same time: ${formatSpread(rounds.map((r) => r.twoShards.runs / r.oneThread.runs))}; goal 2x`,
  `default run, default workers / --workers 2 wall time: ${formatSpread(rounds.map((r) => r.defaultWallMs / r.defaultTwoWallMs))}; goal <= 1x (the default is never slower)`,
  `CPU per run at the same --runs, 2 threads / 1 thread: ${spread2(rounds.map((r) => perRun(r.cpu.twoThreads) / perRun(r.cpu.oneThread)))},` +
    ` 2 shards / 1 process: ${spread2(rounds.map((r) => perRun(r.cpu.twoShards) / perRun(r.cpu.oneThread)))};` +
    " goal 1.0x (on 2 idle cores, 2 threads give at most 2 / this the throughput of 1)",
  ...(rounds.every((r) => r.cpu.pinned !== null)
    ? [`CPU per run pinned to one CPU, 2 threads / 1 thread (the code's own overhead of a second thread): ${spread2(rounds.flatMap((r) => (r.cpu.pinned === null ? [] : [perRun(r.cpu.pinned.twoThreads) / perRun(r.cpu.pinned.oneThread)])))}`]
    : []),
].join("\n");
