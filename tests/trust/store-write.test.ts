/**
 * Issue 9 item 4: a counterexample is never lost to its store. `recordFailures` (what `run`
 * uses) reports a store that cannot take the file as an error beside the counterexample instead
 * of throwing it away; a write is atomic (no partial file); an empty failure is never written.
 */
import { describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { recordFailures } from "../../cli/run/record-failure.js";
import type { MergedSuite } from "../../cli/run/merge.js";
import { SUITES } from "../../properties/suites.js";
import { readTrace, StoreWriteError, writeTrace } from "../../counterexamples/store.js";

const tmp = () => mkdtempSync(join(tmpdir(), "ioasid-store-"));
const trace = readTrace("counterexamples/corpus/core-reclaim-ignoring-refs.json");
const core = SUITES.find((s) => s.name === "core");
if (core === undefined) throw new Error("no core suite");
const failing = (commands: readonly unknown[]): MergedSuite => ({
  suite: core, runs: 3, commands: 10, reached: [], missing: [], gateEnforced: false, ms: 1, chunks: 1,
  failure: { seed: -5, path: "1:2", commands: [...commands], failedStep: 3, detail: "state: x" }, failureText: "counterexample",
});

describe("recordFailures", () => {
  it.each<[string, () => string]>([
    ["/dev/null", () => "/dev/null"],
    ["a file", () => { const f = join(tmp(), "store"); writeFileSync(f, "x"); return f; }],
    ["a path under /proc", () => "/proc/nope/store"],
  ])("a store that is %s is an error beside the counterexample, not a throw", (_name, store) => {
    const r = recordFailures(store(), [failing(trace.commands)]);
    expect(r.written).toEqual([]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(/^the counterexample of suite core is not stored: cannot write .*core-4294967291\.json/);
  });

  it("writes a failure with commands, atomically", () => {
    const store = join(tmp(), "new", "store");
    const r = recordFailures(store, [failing(trace.commands)]);
    expect(r.errors).toEqual([]);
    expect(readdirSync(store)).toEqual(["core-4294967291.json"]);
    expect(readTrace(join(store, "core-4294967291.json")).commands).toEqual(trace.commands);
  });

  it("never writes an empty trace", () => {
    const store = tmp();
    expect(recordFailures(store, [failing([])])).toEqual({ written: [], errors: [] });
    expect(readdirSync(store)).toEqual([]);
  });
});

describe("writeTrace", () => {
  it("leaves no partial file when the rename fails", () => {
    const dir = tmp();
    mkdirSync(join(dir, "x.json"));
    expect(() => writeTrace(dir, "x.json", trace)).toThrow(StoreWriteError);
    expect(readdirSync(dir)).toEqual(["x.json"]);
  });
});
