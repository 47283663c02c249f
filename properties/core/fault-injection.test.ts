/**
 * The fault-injection property (check-step.ts rule 8, D32): an armed call may answer ENOMEM with
 * the whole state exactly as before; a leak, ENOMEM where no allocation may fail, ENOMEM for a
 * call the spec refuses, and a custom allocator's number kept are each caught with a message
 * naming what is wrong. A core without failNth is reported as not checked.
 */
import { describe, expect, it } from "vitest";
import type { Command } from "../../api/commands.js";
import type { IoasidCore } from "../../api/core.js";
import { MAX_IOASID } from "../../api/constants.js";
import type { CallResult } from "../../api/result.js";
import { err } from "../../api/result.js";
import { ImplCore } from "../../impl/core.js";
import type { AllocatorGroup } from "../../impl/allocators.js";
import { SpecCore } from "../../spec/spec-core.js";
import { checkedStep, Divergence } from "./check-step.js";
import { CoreDriver } from "./driver.js";
import type { Model } from "./model.js";
import { initialModel } from "./model.js";
import { allocEnomemKeepsQuota } from "./mutants/alloc-enomem-keeps-quota.js";
import { coreSuiteGate, FAULT_GATE } from "./coverage.js";
import { formatCoverage } from "./report.js";
import { runCoreSuite } from "./suite.js";

const SET: Command = { op: "alloc_set", token: { type: "null", value: 0 }, quota: 4 };
const ALLOC: Command = { op: "alloc", set: 1, min: 1, max: MAX_IOASID, data: null };
const ARM: Command = { op: "fail_nth", n: 1 };

/** Run `cmds` through checkedStep on `core`: the last model, or the first Divergence. */
const run = (core: IoasidCore, cmds: readonly Command[]): { readonly model: Model; readonly outcomes: readonly string[] } | Divergence => {
  let model = initialModel(24);
  const driver = new CoreDriver(core);
  const outcomes: string[] = [];
  for (const cmd of cmds) {
    try {
      const step = checkedStep(model, driver, cmd);
      model = step.model;
      outcomes.push(step.outcome.result.ok ? "ok" : String(step.outcome.result.errno));
    } catch (e) {
      if (e instanceof Divergence) return e;
      throw e;
    }
  }
  return { model, outcomes };
};

const divergence = (r: ReturnType<typeof run>): Divergence => {
  if (!(r instanceof Divergence)) throw new Error(`expected a divergence, the run passed: ${r.outcomes.join(", ")}`);
  return r;
};

/** ImplCore answering ENOMEM to `get` (a call that allocates nothing) right after failNth. */
class EnomemOnGet extends ImplCore {
  private armedNow = false;
  override failNth(n: number): void {
    this.armedNow = true;
    super.failNth(n);
  }
  override get(set: number | null, id: number): CallResult {
    if (this.armedNow) {
      this.armedNow = false;
      return err("ENOMEM");
    }
    return super.get(set, id);
  }
}

/** ImplCore whose armed alloc answers ENOMEM before checking its arguments. */
class EnomemBeforeGuards extends ImplCore {
  private armedNow = false;
  override failNth(n: number): void {
    this.armedNow = true;
    super.failNth(n);
  }
  override alloc(set: number, min: number, max: number, data: string | null): CallResult {
    if (this.armedNow) {
      this.armedNow = false;
      return err("ENOMEM");
    }
    return super.alloc(set, min, max, data);
  }
}

/** ImplCore whose failed alloc keeps the number its custom allocator gave. */
class KeepsCustomNumber extends ImplCore {
  protected override calloutFree(group: AllocatorGroup, id: number): void {
    if (this.inspectId(id) === null) return; // the failed alloc's number: not handed back (the bug)
    super.calloutFree(group, id);
  }
}

describe("fault injection (D32)", () => {
  it("the bundled core's ENOMEM is accepted, the spec is not stepped, and the next call agrees again", () => {
    const r = run(new ImplCore({ capacity: 24 }), [SET, ARM, ALLOC, ALLOC, ARM, SET, { op: "fail_nth", n: 2 }, ALLOC]);
    if (r instanceof Divergence) throw r;
    expect(r.outcomes).toEqual(["ok", "ok", "ENOMEM", "ok", "ok", "ENOMEM", "ok", "ok"]);
    expect([...r.model.world.core.ids.keys()]).toEqual([1, 2]);
    expect(r.model.world.core.sets.size).toBe(1);
  });

  it("a leak on the ENOMEM path is caught at that step, naming the part that changed", () => {
    const d = divergence(run(allocEnomemKeepsQuota.make(24), [SET, ARM, ALLOC]));
    expect(d.kind).toBe("state");
    expect(d.cmd).toEqual(ALLOC);
    expect(d.detail).toContain("the state must be exactly as before (D32): set 1:");
    expect(d.detail).toContain('"held":0');
    expect(d.detail).toContain('"held":1');
  });

  it("ENOMEM from a call that allocates nothing is a departure", () => {
    const d = divergence(run(new EnomemOnGet({ capacity: 24 }), [SET, ALLOC, ARM, { op: "get", set: 1, id: 1 }]));
    expect(d.kind).toBe("outcome");
    expect(d.detail).toContain("ENOMEM is accepted only from the call right after a fail_nth");
  });

  it("ENOMEM from an armed call the spec refuses is a departure: the guards come first", () => {
    const d = divergence(run(new EnomemBeforeGuards({ capacity: 24 }), [SET, ARM, { ...ALLOC, set: 9 }]));
    expect(d.kind).toBe("outcome");
    expect(d.expected?.result).toEqual(err("EINVAL"));
    expect(d.actual?.result).toEqual(err("ENOMEM"));
  });

  it("ENOMEM without a fail_nth before the call is a departure", () => {
    // The armed alloc_set fails (accepted); the alloc after it is not armed, yet answers ENOMEM.
    const d = divergence(run(new EnomemBeforeGuards({ capacity: 24 }), [SET, ARM, SET, ALLOC]));
    expect(d.cmd).toEqual(ALLOC);
    expect(d.detail).toContain("-> ENOMEM");
    const unarmed = new EnomemBeforeGuards({ capacity: 24 });
    unarmed.failNth(1); // armed behind the driver's back: the suite did not arm this call
    expect(divergence(run(unarmed, [SET, ALLOC])).kind).toBe("outcome");
  });

  it("a number a custom allocator gave a failed alloc must come back", () => {
    const reg: Command = { op: "register_allocator", name: "v", fns: "vcmd" };
    const good = run(new ImplCore({ capacity: 24 }), [reg, SET, ARM, ALLOC, ALLOC]);
    if (good instanceof Divergence) throw good;
    const d = divergence(run(new KeepsCustomNumber({ capacity: 24 }), [reg, SET, ARM, ALLOC]));
    expect(d.kind).toBe("state");
    expect(d.detail).toMatch(/allocator vcmd: ID \d+ was handed out to a call that failed with ENOMEM and never handed back/);
  });

  it("a core without failNth: fail_nth arms nothing, and the report says fault injection was not checked", () => {
    const r = runCoreSuite({ makeCore: (c) => new SpecCore(c), numRuns: 20, seed: 7 });
    expect(r.failure).toBeNull();
    expect(r.unchecked).toContain("failNth");
    for (const k of FAULT_GATE) expect(r.missing).not.toContain(k);
    expect(formatCoverage(r)).toContain("fault injection: not checked (the core does not offer failNth)");
    expect(coreSuiteGate(true)).toEqual(expect.arrayContaining([...FAULT_GATE]));
    expect(coreSuiteGate(false).some((k) => FAULT_GATE.includes(k))).toBe(false);
  });
});
