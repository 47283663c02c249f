/** Structure of the explore benchmark's output (no assertion on times: they depend on the machine). */
import { describe, expect, it } from "vitest";
import { SCOPES } from "../explore/scope.js";
import { formatExploreRows, runExploreBench } from "./explore-throughput.js";

describe("runExploreBench", () => {
  it("measures the spec alone and the bundled core, with states, transitions and both clocks", () => {
    const small = SCOPES.find((s) => s.name === "small");
    if (small === undefined) throw new Error("no small scope");
    const rows = runExploreBench({ ...small, depth: 3 }, 2);
    expect(rows.map((r) => [r.name, r.depth])).toEqual([["explore small: spec alone", 3], ["explore small: bundled core, checked", 2]]);
    for (const r of rows) {
      expect(r.states).toBeGreaterThan(1);
      expect(r.transitions).toBeGreaterThan(0);
    }
    expect(formatExploreRows(rows).split("\n")).toHaveLength(2);
  });
});
