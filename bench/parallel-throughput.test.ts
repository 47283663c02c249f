/** Structure of the threads-and-shards benchmark (no assertion on times: they depend on the machine). */
import { describe, expect, it } from "vitest";
import { formatParallelRows, runBin } from "./parallel-throughput.js";
import type { Measured, ParallelRound } from "./parallel-throughput.js";
import { cpuLine, readCpu } from "./cpu-line.js";

const m = (runs: number, wallMs: number, total: number, ended = 0): Measured => ({ runs, wallMs, cpu: { total, threads: { main: total * 0.7 - ended, helpers: total * 0.3, ended } } });

describe("threads and shards bench", () => {
  it("reads the last CPU line of a process's stderr and refuses a stderr without one", () => {
    expect(readCpu(`chunk 1/8: ok\n${cpuLine(12.5, null)}\n${cpuLine(812, { main: 500, helpers: 200 })}\n`)).toEqual({ total: 812, threads: { main: 500, helpers: 200, ended: 112 } });
    expect(readCpu(`${cpuLine(812, null)}\n`)).toEqual({ total: 812, threads: null });
    expect(() => readCpu("chunk 1/8: ok\n")).toThrow(/no 'ioasid-bench-cpu-ms' line/);
  });

  it("gets the whole process's CPU time from the binary through the preload", async () => {
    const r = await runBin(["run", "--suite", "core", "--runs", "2", "--seed", "1", "--workers", "2", "--json", "--store", "counterexamples/corpus"]);
    expect(JSON.parse(r.out)).toHaveProperty("workers", 2);
    expect(r.cpu.total).toBeGreaterThan(0);
    if (r.cpu.threads !== null) expect(r.cpu.threads.ended).toBeGreaterThan(0); // the worker thread
  });

  it("prints per round the CPU per run at the same --runs beside the wall-clock ratios", () => {
    const round: ParallelRound = {
      load: 1, oneThread: m(1000, 10_000, 12_000), twoThreads: m(1800, 10_000, 24_000), twoShards: m(1900, 10_000, 25_000),
      defaultWallMs: 3000, defaultTwoWallMs: 4000,
      cpu: { runs: 3000, oneThread: m(3000, 6000, 6000), twoThreads: m(3000, 3500, 7500, 2400), twoShards: m(3000, 3500, 7800), pinned: { oneThread: m(3000, 6000, 6000), twoThreads: m(3000, 6600, 6600, 2000) } },
    };
    const text = formatParallelRows([round, round], 10);
    expect(text).toContain("--runs 3000: 1 thread 2.00 ms, 2 threads 2.50 ms (1.25x), 2 shards 2.60 ms (1.30x)");
    expect(text).toContain("by thread at --runs 3000: 1 thread: main 1.40, V8 helpers 0.60 ms; 2 threads: main 0.95, workers 0.80, V8 helpers 0.75 ms;");
    expect(text).toContain("--time 10: 1 thread 12.00 ms, 2 threads 13.33 ms, 2 shards 13.16 ms (2 threads on 2 idle cores: about 1.26x);");
    expect(text).toMatch(/throughput on 2 idle cores, estimated from CPU figures \(rule 3a\): median 1\.26x/);
    expect(text).toContain("pinned to one CPU: 1 thread 2.00 ms (main 1.40, V8 helpers 0.60 ms), 2 threads 2.20 ms (main 0.87, workers 0.67, V8 helpers 0.66 ms), 1.10x");
    expect(text).toMatch(/pinned to one CPU, 2 threads \/ 1 thread \(the code's own overhead of a second thread\): median 1\.10x/);
    expect(text).toMatch(/CPU per run at the same --runs, 2 threads \/ 1 thread: median 1\.25x \(min 1\.25x, max 1\.25x, 2 rounds\), 2 shards \/ 1 process: median 1\.30x/);
  });
});
