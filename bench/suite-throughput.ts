/**
 * Conformance-suite throughput: checked commands per second (spec step + impl step + comparison
 * + invariants + abstraction check, with fast-check's generation), beside the bare cost of
 * fast-check's model-based runner on a trivial model measured in the same run.
 */
import fc from "fast-check";
import { runCoreSuite } from "../properties/core/suite.js";
import { createImplCore } from "../impl/index.js";

/** One measurement. */
export interface ThroughputRow {
  readonly name: string;
  readonly commands: number;
  readonly ms: number;
  readonly perSecond: number;
}

const row = (name: string, commands: number, ms: number): ThroughputRow => ({ name, commands, ms, perSecond: commands / (ms / 1000) });

class Increment implements fc.Command<{ n: number }, { n: number }> {
  check(): boolean {
    return true;
  }
  run(m: { n: number }, r: { n: number }): void {
    m.n++;
    r.n++;
    if (m.n !== r.n) throw new Error("diverged");
  }
  toString(): string {
    return "inc";
  }
}

/** fast-check alone: a model of one counter, same run and command budget as the suite. */
const trivialModel = (runs: number, maxCommands: number): ThroughputRow => {
  let commands = 0;
  const arb = fc.constant(null).map(() => {
    commands++;
    return new Increment();
  });
  const t0 = performance.now();
  fc.assert(fc.property(fc.commands([arb], { maxCommands, size: "max" }), (cmds) => {
    fc.modelRun(() => ({ model: { n: 0 }, real: { n: 0 } }), cmds);
  }), { numRuns: runs, seed: 1 });
  return row("fast-check alone, trivial model", commands, performance.now() - t0);
};

/** The suite on the bundled core. */
const suite = (runs: number, maxCommands: number): ThroughputRow => {
  const t0 = performance.now();
  const r = runCoreSuite({ makeCore: (c) => createImplCore(c), numRuns: runs, maxCommands, seed: 1 });
  if (r.failure !== null) throw new Error(`the suite failed while benchmarking: ${r.failure.divergence.detail}`);
  return row("core conformance suite (checked commands)", r.commands, performance.now() - t0);
};

/** Both rows, after a warm-up. */
export const runSuiteBench = (runs = 1500, maxCommands = 80): readonly ThroughputRow[] => {
  suite(200, maxCommands);
  trivialModel(200, maxCommands);
  return [suite(runs, maxCommands), trivialModel(runs, maxCommands)];
};

/** The rows as text, with the ratio of the two. */
export const formatSuiteRows = (rows: readonly ThroughputRow[]): string => {
  const [s, t] = rows;
  const lines = rows.map((r) => `${r.name.padEnd(44)} ${String(r.commands).padStart(8)} commands ${r.ms.toFixed(0).padStart(7)} ms ${Math.round(r.perSecond).toLocaleString("en-US").padStart(10)} /s`);
  if (s !== undefined && t !== undefined) lines.push(`suite cost per command / fast-check's own: ${(t.perSecond / s.perSecond).toFixed(1)}x`);
  return lines.join("\n");
};
