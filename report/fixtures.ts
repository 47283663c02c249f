/**
 * Test fixtures of report/: a ReportData with every section, built from corpus traces, and a
 * long core trace of any length (for chunking, the browser test and the bench).
 */
import type { Command } from "../api/commands.js";
import type { CoreTrace } from "../counterexamples/trace.js";
import { readTrace } from "../counterexamples/store.js";
import { CORE_GATE } from "../properties/core/coverage.js";
import type { ReportData, SuiteSummary } from "./types.js";
import { reportCounterexample } from "./build-counterexample.js";

/** A stored counterexample the report tests draw. */
export const CORPUS_FILE = "counterexamples/corpus/system-vdcm-release-before-clear.json";

/** A core suite row: some gate cases reached, two not. */
export const CORE_ROW: SuiteSummary = {
  name: "core", implementation: "impl", runs: 1500, commands: 61234, ms: 2345, seed: 42, result: "gate not reached",
  reached: CORE_GATE.filter((k) => k !== "alloc:EDQUOT" && k !== "event:UNBIND").map((k, i) => [k, (i * 37) % 5000 + 1] as const),
  gate: CORE_GATE, missing: ["alloc:EDQUOT", "event:UNBIND"], gateEnforced: true,
};

/** Every section, two counterexamples (system and core). */
export const fullReport = (): ReportData => {
  const system = reportCounterexample({ id: "cx-system", title: "system <counterexample>", implementation: "impl/drivers:vdcm-release-before-clear", trace: readTrace(CORPUS_FILE), replay: [`ioasid-check replay ${CORPUS_FILE}`] });
  const core = reportCounterexample({ id: "cx-core", title: "core counterexample", implementation: "mutant:order-reversed", trace: readTrace("counterexamples/corpus/core-order-reversed.json"), replay: ["ioasid-check replay counterexamples/corpus/core-order-reversed.json"] });
  return {
    title: "ioasid-check run",
    summary: { command: "ioasid-check run --html r.html", target: "impl", seed: 42, ms: 4567, result: "fail", suites: [CORE_ROW], stored: { replayed: 19, failed: 0 } },
    counterexamples: [system, core],
    conformance: {
      target: "my-core.mjs",
      rows: [
        { id: "D1", topic: "argument validity", exercised: 120, departs: 0, departures: [], traces: [] },
        { id: "D4", topic: "get on FREE_PENDING", exercised: 33, departs: 2, departures: [{ class: "outcome get ENOENT->EBUSY", detail: "expected ENOENT, got EBUSY" }], traces: ["cx-core", "findings/core-77.json"] },
        { id: "D29", topic: "custom allocator answers", exercised: 0, departs: 0, departures: [], traces: [] },
      ],
    },
    explore: { scope: "2 sets, IDs 1..4", target: "impl", depth: 6, distinctStates: 123456, transitions: 987654, ms: 3000, complete: true, counterexample: "cx-core" },
  };
};

const FULL = { min: 1, max: 0xfffff, data: null } as const;

/** A core trace of `steps` steps cycling alloc, BIND (KVM takes a reference), free, work, put; failing at its last step. */
export const longCoreTrace = (steps: number): CoreTrace => {
  const commands: Command[] = [
    { op: "register_notifier", set: null, name: "kvm1", priority: "CPU", reaction: { on: ["BIND"], now: ["get_locked"], later: [] } },
    { op: "register_notifier", set: null, name: "vdcm1", priority: "DEVICE", reaction: { on: ["FREE"], now: [], later: ["put"] } },
    { op: "alloc_set", token: { type: "null", value: 0 }, quota: 4 },
  ];
  const cycle: readonly Command[] = [
    { op: "alloc", set: 1, ...FULL }, { op: "notify", set: 1, id: 1, event: "BIND" }, { op: "free", set: 1, id: 1 }, { op: "run_work" }, { op: "put", set: 1, id: 1 },
  ];
  for (let i = 0; commands.length < steps; i++) commands.push(cycle[i % cycle.length] ?? { op: "run_work" });
  const cut = commands.slice(0, steps);
  return {
    format: "ioasid-check-trace", version: 2, suite: "core", implementation: "spec", seed: null, path: null, capacity: 24, commands: cut,
    values: cut.map(() => null), violation: { step: steps - 1, kind: "outcome", detail: "expected\n-> ok\nactual\n-> EINVAL" }, expect: "fail",
    note: `a ${steps}-step trace for scale`,
  };
};
