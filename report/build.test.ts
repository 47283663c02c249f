/**
 * The report builders: run (stored failures replayed now, written traces read back, the printed
 * replay line), validate (a broken core's counterexample with its own numbers), show.
 */
import { describe, expect, it } from "vitest";
import { createImplCore } from "../impl/index.js";
import { CORE_MUTANTS } from "../properties/core/mutants/index.js";
import { validateCore } from "../targets/validate.js";
import { readTrace } from "../counterexamples/store.js";
import { CORE_GATE } from "../properties/core/coverage.js";
import { replayLine, runReport } from "./build-run.js";
import { validateReport, valuesOn } from "./build-validate.js";
import { traceReport } from "./build-show.js";
import { CORPUS_FILE } from "./fixtures.js";
import { ConformanceLedger } from "../properties/conformance/ledger.js";
import { DECISIONS } from "../spec/decisions.js";
import { conformanceSection } from "./build-conformance.js";

const ORDER_REVERSED = "counterexamples/corpus/core-order-reversed.json";

describe("runReport", () => {
  const suite = { suite: { name: "core", gate: CORE_GATE }, runs: 10, commands: 99, reached: [["alloc:ok", 3] as const], missing: [], gateEnforced: false, ms: 12 };

  it("takes the replay line the CLI prints", () => {
    expect(replayLine("counterexample: 2 steps\n  1. x\n\nreplay: npx ioasid-check run --suite core --seed 5 --path \"1:2\"")).toBe('npx ioasid-check run --suite core --seed 5 --path "1:2"');
    expect(replayLine("nothing here")).toBeNull();
  });

  it("draws a new counterexample from the trace written to the store, with both replay commands", () => {
    const t = readTrace(ORDER_REVERSED);
    const r = runReport({
      command: "ioasid-check run", seed: 5, ms: 100, stored: { replayed: 0, failures: [] }, written: new Map([["core", ORDER_REVERSED]]),
      suites: [{ ...suite, failure: { seed: 5, path: "1:2", commands: t.commands }, failureText: 'x\nreplay: npx ioasid-check run --suite core --seed 5 --path "1:2"' }],
    });
    expect(r.summary.result).toBe("fail");
    expect(r.summary.suites[0]).toMatchObject({ name: "core", result: "counterexample", runs: 10, ms: 12, seed: 5 });
    expect(r.counterexamples).toHaveLength(1);
    expect(r.counterexamples[0]).toMatchObject({ id: "cx-core", replay: ['npx ioasid-check run --suite core --seed 5 --path "1:2"', `ioasid-check replay ${ORDER_REVERSED}`], originalSteps: 5 });
    expect(r.counterexamples[0]?.timeline.violation?.at).toBe("5");
  });

  it("replays a stored counterexample that fails again, on its own implementation", () => {
    const r = runReport({ command: "ioasid-check run", seed: 1, ms: 1, stored: { replayed: 3, failures: [{ file: CORPUS_FILE }] }, written: new Map(), suites: [{ ...suite, failure: null, failureText: "" }] });
    expect(r.summary.result).toBe("fail");
    expect(r.summary.stored).toEqual({ replayed: 3, failed: 1 });
    expect(r.counterexamples[0]).toMatchObject({ id: "stored-system-vdcm-release-before-clear", implementation: "impl/drivers:vdcm-release-before-clear", replay: [`ioasid-check replay ${CORPUS_FILE}`] });
    expect(r.counterexamples[0]?.timeline.violation?.kind).toBe("naming");
  });

  it("passes when every suite passed and nothing stored fails", () => {
    const r = runReport({ command: "c", seed: 1, ms: 1, stored: { replayed: 0, failures: [] }, written: new Map(), suites: [{ ...suite, failure: null, failureText: "" }] });
    expect(r.summary.result).toBe("pass");
    expect(r.counterexamples).toEqual([]);
  });
});

describe("validateReport", () => {
  it("draws a broken core's counterexample with the numbers that core returned", () => {
    const mutant = CORE_MUTANTS.find((m) => m.name === "order-reversed");
    if (mutant === undefined) throw new Error("no order-reversed mutant");
    const make = (c: { readonly capacity: number }) => mutant.make(c.capacity);
    const report = validateCore(make, { suites: ["core"], runs: 300, seed: 3 });
    const r = validateReport({ command: "ioasid-check validate --impl m.mjs", who: "m.mjs", ms: 5, report, replay: { core: ["the line"], system: [] }, makeCore: make });
    expect(r.summary).toMatchObject({ result: "fail", target: "m.mjs", seed: 3 });
    expect(r.summary.suites.map((s) => [s.name, s.result, s.ms])).toEqual([["core", "counterexample", null]]);
    const cx = r.counterexamples[0];
    expect(cx).toMatchObject({ id: "cx-core", implementation: "m.mjs", replay: ["the line"], shrunkSteps: null, seed: 3 });
    expect(cx?.divergence?.expected).toMatch(/ALLOC|FREE|BIND/); // the delivery order order-reversed breaks (which event depends on the generator)
    expect(cx?.timeline.rows.some((row) => row.diverging)).toBe(true);
  });

  it("reads the numbers a core returns, following its own allocation policy", () => {
    const cmds = [
      { op: "alloc_set", token: { type: "null", value: 0 }, quota: 4 },
      { op: "alloc", set: 1, min: 1, max: 0xfffff, data: null },
      { op: "free", set: 1, id: 1 },
      { op: "alloc", set: 1, min: 1, max: 0xfffff, data: null },
    ] as const;
    expect(valuesOn((c) => createImplCore({ ...c, policy: "cyclic" }), 24, cmds)).toEqual([1, 1, null, 2]);
    expect(valuesOn((c) => createImplCore(c), 24, cmds)).toEqual([1, 1, null, 1]);
    expect(valuesOn(() => { throw new Error("no core"); }, 24, cmds)).toEqual([null, null, null, null]);
  });
});

describe("traceReport", () => {
  it("names the trace, its replay command, and draws it", () => {
    const r = traceReport(CORPUS_FILE, readTrace(CORPUS_FILE));
    expect(r.summary).toMatchObject({ command: `ioasid-check show ${CORPUS_FILE} --format html`, result: "fail", suites: [], seed: 20261121 });
    expect(r.counterexamples[0]).toMatchObject({ id: "cx-system-vdcm-release-before-clear", replay: [`ioasid-check replay ${CORPUS_FILE}`], originalSteps: 5, shrunkSteps: 5 });
  });
});

describe("conformanceSection", () => {
  it("takes the ledger's rulings D1.., departing steps, classes and traces", () => {
    const ledger = new ConformanceLedger();
    ledger.agreed(["D1", "D4"]);
    ledger.departed(["D4"], "get:ENOENT->EBUSY", "expected ENOENT", "findings/a.json");
    ledger.departed(["D4"], "get:ENOENT->EBUSY", "expected ENOENT", "findings/b.json");
    const s = conformanceSection("m.mjs", ledger.rows(DECISIONS));
    expect(s.rows.map((r) => r.id)).toEqual(DECISIONS.filter((d) => d.holds).map((d) => d.id));
    expect(s.rows.find((r) => r.id === "D4")).toEqual({
      id: "D4", topic: "get on FREE_PENDING", exercised: 3, departs: 2,
      departures: [{ class: "get:ENOENT->EBUSY", detail: "expected ENOENT" }], traces: ["findings/a.json", "findings/b.json"],
    });
    expect(s.rows.find((r) => r.id === "D1")).toMatchObject({ exercised: 1, departs: 0, traces: [] });
  });
});
