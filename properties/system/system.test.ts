/**
 * The system suite on impl (against its spec twin), and its self-test: every broken driver is
 * caught with a short shrunk trace.
 */
import { describe, expect, it } from "vitest";
import { createImplCore } from "../../impl/index.js";
import { runSystemSuite } from "./suite.js";
import type { SystemSuiteReport } from "./suite.js";
import { DRIVER_MUTANTS } from "./mutants/index.js";
import { SYSTEM_GATE } from "../suites.js";
import { systemTrace } from "../../counterexamples/record.js";
import { shrinkTrace } from "../../counterexamples/shrink/index.js";

const show = (r: SystemSuiteReport) =>
  r.failure === null ? "" : `${r.failure.commands.map((c, i) => `${i === r.failure?.failedStep ? ">>" : "  "} ${JSON.stringify(c)}`).join("\n")}\n${r.failure.detail}\nseed ${r.seed} path ${r.failure.path}`;

describe("system suite", () => {
  it("impl and the spec give identical traces; no leak, no cross-reuse, every DMA lands at home", () => {
    const r = runSystemSuite({ makeCore: () => createImplCore() });
    expect(show(r)).toBe("");
    for (const k of SYSTEM_GATE) {
      expect.soft(r.reached.get(k) ?? 0, `${k} (seed ${r.seed})`).toBeGreaterThan(0);
    }
  });
});

describe("self-test: every broken driver is caught", () => {
  it.each(DRIVER_MUTANTS.map((m) => [m.name, m] as const))("%s", (_name, m) => {
    const r = runSystemSuite({ makeCore: () => createImplCore(), drivers: m.drivers });
    expect(r.failure, `${m.name} was not caught in ${r.runs} runs (seed ${r.seed})`).not.toBeNull();
    const f = r.failure;
    if (f === null) return;
    // fast-check's own shrinking removes commands whose choices are relative to the state, so on
    // some seeds it stops early (49 steps seen on seed -1722951139); the trace shrinker the CLI
    // and the gallery apply to it must then reach the short trace.
    const steps = f.commands.length <= 12 ? f.commands.length : (() => {
      const s = shrinkTrace(systemTrace({ implementation: `impl/drivers:${m.name}`, seed: r.seed, path: f.path, expect: "fail", note: "" }, f.commands));
      return s.ok ? s.after : 99;
    })();
    expect(steps, show(r)).toBeLessThanOrEqual(12);
  });
});
