/**
 * sameOutcome agrees with a deep equality on outcomes, including the cases that differ in one field.
 */
import { it } from "vitest";
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
