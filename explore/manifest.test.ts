import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { computeManifest, Manifest } from "./manifest.js";
import { SCOPES } from "./scope.js";

const stored = (): Manifest => {
  const d = Manifest.decode(JSON.parse(readFileSync(new URL("./manifest.json", import.meta.url), "utf8")));
  if (d._tag === "Left") throw new Error("explore/manifest.json does not decode");
  return d.right;
};

describe("the manifest of the spec's reachable state space", () => {
  it("lists every named scope with the scope as defined now", () => {
    expect(stored().entries.map((e) => e.scope)).toEqual(SCOPES);
  });

  it("matches what the spec reaches now (if a spec change is meant to change it: npm run explore-manifest)", () => {
    const now = computeManifest();
    for (const e of stored().entries) {
      const fresh = now.entries.find((x) => x.scope.name === e.scope.name);
      expect(fresh, `scope ${e.scope.name}`).toBeDefined();
      expect({ scope: e.scope.name, depth: fresh?.depth, distinctStates: fresh?.distinctStates, perLevel: fresh?.newStatesPerLevel, transitions: fresh?.transitions })
        .toEqual({ scope: e.scope.name, depth: e.depth, distinctStates: e.distinctStates, perLevel: e.newStatesPerLevel, transitions: e.transitions });
    }
  });
});
