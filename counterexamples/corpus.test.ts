/**
 * Every stored counterexample replays as it expects: a known broken variant still fails (at the
 * recorded step), anything else passes. The same commands on the correct implementation pass.
 */
import { describe, expect, it } from "vitest";
import { listTraces, readTrace } from "./store.js";
import { asExpected, replayTrace } from "./replay.js";

const files = listTraces("counterexamples/corpus");

describe("stored counterexamples", () => {
  it("the corpus is not empty", () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  it.each(files.map((f) => [f] as const))("%s replays as expected", (file) => {
    const t = readTrace(file);
    const r = replayTrace(t);
    expect(asExpected(t, r), `${file}: ${r.status} at step ${r.step}: ${r.detail}`).toBe(true);
    if (t.expect === "fail" && t.violation !== null) expect(r.step).toBe(t.violation.step);
  });

  it.each(files.map((f) => [f] as const))("%s passes on the correct implementation", (file) => {
    const t = readTrace(file);
    const fixed = replayTrace({ ...t, implementation: "impl", expect: "pass" });
    expect(fixed.status, `${file}: ${fixed.detail}`).toBe("pass");
  });
});
