/**
 * The suite's "touched" check mode (check-step.ts rule 4, suite.ts rule 4): it reports what the
 * "full" mode reports on a correct core, and a core that is wrong about an ID no step touches is
 * still caught, by the end-of-run sweep.
 */
import { describe, expect, it } from "vitest";
import type { IdView } from "../../api/core.js";
import { ImplCore } from "../../impl/core.js";
import { createImplCore } from "../../impl/index.js";
import { checkedStep, Divergence, finalCheck } from "./check-step.js";
import { CoreDriver } from "./driver.js";
import { initialModel } from "./model.js";
import { runCoreSuite } from "./suite.js";
import type { Command } from "../../api/commands.js";

/** Reports one more reference on ID 1 once `lieAfter` commands ran: a corruption no step touches. */
class LiesAboutId1 extends ImplCore {
  calls = 0;
  constructor(capacity: number, private readonly lieAfter: number) {
    super({ capacity });
  }
  override inspectId(id: number): IdView | null {
    const v = super.inspectId(id);
    return id === 1 && v !== null && this.calls >= this.lieAfter ? { ...v, refs: v.refs + 1 } : v;
  }
}

const SCRIPT: readonly Command[] = [
  { op: "alloc_set", token: { type: "null", value: 1 }, quota: 4 },
  { op: "alloc", set: 1, min: 1, max: 100, data: null },
  { op: "alloc", set: 1, min: 1, max: 100, data: null },
  { op: "get", set: 1, id: 2 },
];

describe("check modes", () => {
  it("touched and full report the same runs, commands and coverage on the bundled core", () => {
    const touched = runCoreSuite({ makeCore: (c) => createImplCore(c), numRuns: 40, seed: 5, checkMode: "touched" });
    const full = runCoreSuite({ makeCore: (c) => createImplCore(c), numRuns: 40, seed: 5, checkMode: "full" });
    expect(touched.failure).toBeNull();
    expect(full.failure).toBeNull();
    expect(touched.commands).toBe(full.commands);
    expect(touched.coverage.entries()).toEqual(full.coverage.entries());
  });

  it("a lie about an untouched ID passes the touched step check, and the end-of-run sweep catches it", () => {
    const core = new LiesAboutId1(24, 3);
    const driver = new CoreDriver(core);
    let model = initialModel(24);
    for (const cmd of SCRIPT.slice(0, 3)) {
      model = checkedStep(model, driver, cmd, "touched").model;
      core.calls++;
    }
    const last = SCRIPT[3];
    if (last === undefined) throw new Error("script too short");
    model = checkedStep(model, driver, last, "touched").model; // touches ID 2 only
    expect(() => finalCheck(model, driver, last)).toThrow(Divergence);
    expect(() => finalCheck(model, driver, last)).toThrow(/end of the run: ID 1/);
  });

  it("the full mode catches the same lie at the step", () => {
    const core = new LiesAboutId1(24, 3);
    const driver = new CoreDriver(core);
    let model = initialModel(24);
    for (const cmd of SCRIPT.slice(0, 3)) {
      model = checkedStep(model, driver, cmd, "full").model;
      core.calls++;
    }
    const last = SCRIPT[3];
    if (last === undefined) throw new Error("script too short");
    expect(() => checkedStep(model, driver, last, "full")).toThrow(/ID 1: spec has/);
  });

  it("a lie beyond IDs that no step touches (the capacity left) is caught by the end-of-run check", () => {
    class LiesAboutCapacity extends ImplCore {
      calls = 0;
      override capacityLeft(): number {
        return super.capacityLeft() + (this.calls >= 3 ? 1 : 0);
      }
    }
    const core = new LiesAboutCapacity({ capacity: 24 });
    const driver = new CoreDriver(core);
    let model = initialModel(24);
    for (const cmd of SCRIPT) {
      model = checkedStep(model, driver, cmd, "touched").model; // the last step (get) leaves the sets alone
      core.calls++;
    }
    const last = SCRIPT[3];
    if (last === undefined) throw new Error("script too short");
    expect(() => finalCheck(model, driver, last)).toThrow(/end of the run: capacity left/);
  });

  it("the suite in touched mode fails on a core that lies only about IDs no step touches", () => {
    class LiesWhenUntouched extends ImplCore {
      override inspectId(id: number): IdView | null {
        const v = super.inspectId(id);
        return v !== null && v.refs >= 2 ? { ...v, refs: v.refs + 1 } : v;
      }
    }
    const r = runCoreSuite({ makeCore: (c) => new LiesWhenUntouched(c), numRuns: 200, seed: 3, checkMode: "touched" });
    expect(r.failure?.divergence.kind).toBe("state");
  });
});
