/**
 * Property tests of the spec alone: random command sequences, resolved against the state as
 * they run, never break an invariant; every refusal leaves the world unchanged and causes no
 * event; and the generators reach every case of the coverage gate.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { isDeepStrictEqual } from "node:util";
import { worldStep } from "../../spec/world.js";
import { violatedInvariants } from "../../spec/invariants.js";
import { abstractCommandArb } from "../../properties/core/arbitrary.js";
import { resolve } from "../../properties/core/resolve.js";
import { advanceModel, initialModel } from "../../properties/core/model.js";
import { CORE_GATE, Coverage } from "../../properties/core/coverage.js";

describe("spec properties", () => {
  it("random sequences keep every invariant; refusals change nothing; the gate is reached", () => {
    const coverage = new Coverage();
    fc.assert(
      fc.property(fc.array(abstractCommandArb, { maxLength: 80, size: "max" }), (cmds) => {
        let model = initialModel();
        for (const abs of cmds) {
          const cmd = resolve(model, abs);
          if (cmd === null) continue;
          const { world, outcome } = worldStep(model.world, cmd);
          coverage.add(cmd, outcome);
          if (!outcome.result.ok) {
            expect(outcome.events).toEqual([]);
            expect(isDeepStrictEqual(world, model.world)).toBe(true);
          }
          expect(violatedInvariants(world.core)).toEqual([]);
          model = advanceModel(model, world, cmd);
        }
      }),
      { numRuns: 1500 },
    );
    expect(coverage.missing(CORE_GATE)).toEqual([]);
  });
});
