/**
 * Coverage grids by hand: key shapes, axis order, gate cells and unreached gate cells, heat.
 */
import { describe, expect, it } from "vitest";
import { coverageGrids, heat, placeKey } from "./coverage-grid.js";
import { expectedActual } from "./divergence.js";

describe("coverage grids", () => {
  it("places keys by shape", () => {
    expect(placeKey("alloc:EDQUOT")).toEqual({ group: "commands", row: "alloc", column: "EDQUOT" });
    expect(placeKey("event:FREE")).toEqual({ group: "events", row: "delivered", column: "FREE" });
    expect(placeKey("handler:put_locked:EINVAL")).toEqual({ group: "handler", row: "put_locked", column: "EINVAL" });
    expect(placeKey("work:get:ok")).toEqual({ group: "work", row: "get", column: "ok" });
    expect(placeKey("dma:translated-walk")).toEqual({ group: "commands", row: "dma", column: "translated-walk" });
    expect(placeKey("nocolon")).toBeNull();
  });

  it("orders columns ok, errnos as declared, then others; rows the gate's order, then others", () => {
    const [commands, events] = coverageGrids([["zap:weird", 1], ["free:EACCES", 2], ["alloc:ok", 5], ["event:BIND", 3]], ["alloc:EDQUOT", "free:ok", "event:ALLOC"]);
    expect(commands?.rows).toEqual(["alloc", "free", "zap"]);
    expect(commands?.columns).toEqual(["ok", "EACCES", "EDQUOT", "weird"]);
    expect(events?.columns).toEqual(["ALLOC", "BIND"]);
    expect(events?.cells[0]?.[0]).toEqual({ key: "event:ALLOC", count: 0, gate: true, missing: true });
    expect(commands?.cells[0]?.[0]).toEqual({ key: "alloc:ok", count: 5, gate: false, missing: false });
    expect(commands?.cells[0]?.[2]).toEqual({ key: "alloc:EDQUOT", count: 0, gate: true, missing: true });
    expect(commands?.cells[2]?.[0]).toEqual({ key: "zap:ok", count: 0, gate: false, missing: false });
  });

  it("adds up repeated keys and buckets counts on a log scale", () => {
    const [g] = coverageGrids([["alloc:ok", 5], ["alloc:ok", 7]], []);
    expect(g?.cells[0]?.[0]?.count).toBe(12);
    expect([0, 1, 9, 10, 999, 1000, 10 ** 7].map(heat)).toEqual([0, 1, 1, 2, 3, 4, 5]);
  });
});

describe("expected vs actual", () => {
  it("splits an outcome divergence into its two outcomes", () => {
    expect(expectedActual({ step: 4, kind: "outcome", detail: "expected\n-> ENOENT\nactual\n-> ok 1" })).toEqual({ expected: "-> ENOENT", actual: "-> ok 1" });
  });
  it("splits a state divergence into the spec's and the core's views", () => {
    expect(expectedActual({ step: 3, kind: "state", detail: 'ID 1: spec has {"refs":1}, the core has null' })).toEqual({ expected: 'ID 1: {"refs":1}', actual: "ID 1: null" });
  });
  it("states a system property against what was found", () => {
    const leak = expectedActual({ step: 5, kind: "leak", detail: "leak: PASID 1 still live" });
    expect(leak.expected).toMatch(/^after the teardown nothing is left/);
    expect(leak.actual).toBe("PASID 1 still live");
    expect(expectedActual({ step: 5, kind: "agreement", detail: "agreement: the systems diverge: on the spec {a}, on the core under test {b}" }))
      .toEqual({ expected: "the spec's system records {a}", actual: "the core under test's system records {b}" });
  });
  it("falls back to the kind for anything else", () => {
    expect(expectedActual({ step: 0, kind: "crash", detail: "the core threw: boom" })).toEqual({ expected: "the core answers every call", actual: "the core threw: boom" });
    expect(expectedActual({ step: 0, kind: "novel", detail: "x" }).expected).toContain("(novel)");
  });
});
