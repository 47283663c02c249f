/**
 * `npm run explore-manifest`: recompute the manifest of the spec's reachable state space and
 * rewrite explore/manifest.json, printing what changed.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { PathReporter } from "io-ts/lib/PathReporter.js";
import { computeManifest, Manifest, MANIFEST_FILE } from "./manifest.js";

const previous = (() => {
  try {
    const d = Manifest.decode(JSON.parse(readFileSync(MANIFEST_FILE, "utf8")));
    return d._tag === "Right" ? d.right : null;
  } catch {
    return null;
  }
})();
const next = computeManifest();
for (const e of next.entries) {
  const was = previous?.entries.find((x) => x.scope.name === e.scope.name);
  const change = was === undefined ? "new" : was.distinctStates === e.distinctStates && was.depth === e.depth ? "unchanged" : `was ${was.distinctStates} at depth ${was.depth}`;
  console.log(`${e.scope.name.padEnd(10)} depth ${e.depth}: ${e.distinctStates} distinct states, ${e.transitions} transitions (${change})`);
}
const check = Manifest.decode(next);
if (check._tag === "Left") throw new Error(PathReporter.report(check).join("; "));
writeFileSync(MANIFEST_FILE, `${JSON.stringify(next, null, 2)}\n`);
console.log(`written to ${MANIFEST_FILE}`);
