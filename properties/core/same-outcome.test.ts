/**
 * sameOutcome agrees with a deep equality on outcomes, including the cases that differ in one field.
 */
import { expect, it } from "vitest";
import fc from "fast-check";
import { isDeepStrictEqual } from "node:util";
import type { Outcome } from "../../api/outcome.js";
import { sameOutcome } from "./same-outcome.js";

const rec = <T>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }) => fc.record(model, { noNullPrototype: true });

const result = fc.oneof(
  rec({ ok: fc.constant(true as const), value: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 3 }), fc.constantFrom("a", "b"), fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 2 })) }),
  rec({ ok: fc.constant(false as const), errno: fc.constantFrom("ENOENT" as const, "EACCES" as const) }),
);
const event = fc.oneof(
  rec({ kind: fc.constant("deliver" as const), delivery: rec({ event: fc.constantFrom("FREE" as const, "BIND" as const), id: fc.integer({ min: 1, max: 2 }), spid: fc.constantFrom(null, 1), set: fc.constantFrom(1, 2), notifier: fc.constantFrom("a", "b") }) }),
  rec({ kind: fc.constant("call" as const), notifier: fc.constantFrom("a", "b"), context: fc.constantFrom("handler" as const, "work" as const), call: fc.constantFrom("put" as const, "get" as const), id: fc.integer({ min: 1, max: 2 }), result }),
);
const outcome: fc.Arbitrary<Outcome> = rec({ result, events: fc.array(event, { maxLength: 3 }) });

it("matches deep equality", () => {
  fc.assert(fc.property(outcome, outcome, (a, b) => sameOutcome(a, b) === isDeepStrictEqual(a, b)), { numRuns: 3000 });
  fc.assert(fc.property(outcome, (a) => sameOutcome(a, structuredClone(a))));
});

it("a refusal without an errno agrees with any refusal, never with a success (D30)", () => {
  const o = (result: Outcome["result"]): Outcome => ({ result, events: [] });
  const voidWarned = o({ ok: false, errno: null, via: "void", warnings: ["WARNING: put of a live ID at one reference"] });
  const sentinel = o({ ok: false, errno: null, via: "sentinel", warnings: [] });
  const foreign = o({ ok: false, errno: null, via: "errno", warnings: ["returned -12 (ENOMEM)"] });
  for (const errno of ["EINVAL", "ENOENT", "EDEADLK"] as const) {
    expect(sameOutcome(o({ ok: false, errno }), voidWarned)).toBe(true);
    expect(sameOutcome(sentinel, o({ ok: false, errno }))).toBe(true);
    expect(sameOutcome(o({ ok: false, errno }), foreign)).toBe(false);
  }
  expect(sameOutcome(o({ ok: true, value: null }), voidWarned)).toBe(false);
  expect(sameOutcome(voidWarned, o({ ok: true, value: null }))).toBe(false);
  expect(sameOutcome(voidWarned, sentinel)).toBe(true);
  expect(sameOutcome(foreign, foreign)).toBe(false);
  const handlerCall = (result: Outcome["result"]): Outcome => ({
    result: { ok: true, value: null },
    events: [{ kind: "call", notifier: "kvm", context: "handler", call: "put_locked", id: 1, result }],
  });
  expect(sameOutcome(handlerCall({ ok: false, errno: "EINVAL" }), handlerCall({ ok: false, errno: null, via: "void", warnings: ["x"] }))).toBe(true);
  expect(sameOutcome(handlerCall({ ok: true, value: null }), handlerCall({ ok: false, errno: null, via: "void", warnings: ["x"] }))).toBe(false);
});
