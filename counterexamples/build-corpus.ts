/**
 * `npm run corpus`: record the shrunk counterexample of every broken variant (core and driver)
 * into counterexamples/corpus/, expected to fail. Seeds are fixed, so the corpus is reproducible.
 */
import { runCoreSuite } from "../properties/core/suite.js";
import { CORE_MUTANTS } from "../properties/core/mutants/index.js";
import { runSystemSuite } from "../properties/system/suite.js";
import { DRIVER_MUTANTS } from "../properties/system/mutants/index.js";
import { createImplCore } from "../impl/index.js";
import { writeTrace } from "./store.js";
import { coreTrace, systemTrace } from "./record.js";

const DIR = "counterexamples/corpus";
const SEED = 20261121;

for (const m of CORE_MUTANTS) {
  const r = runCoreSuite({ makeCore: (c) => m.make(c.capacity), seed: SEED });
  if (r.failure === null) throw new Error(`${m.name} was not caught`);
  const t = coreTrace({ implementation: `mutant:${m.name}`, seed: r.seed, path: r.failure.path, expect: "fail", note: m.breaks }, 24, r.failure.commands);
  console.log(writeTrace(DIR, `core-${m.name}.json`, t), `${t.commands.length} steps`);
}
for (const m of DRIVER_MUTANTS) {
  const r = runSystemSuite({ makeCore: () => createImplCore(), drivers: m.drivers, seed: SEED });
  if (r.failure === null) throw new Error(`${m.name} was not caught`);
  const t = systemTrace({ implementation: `impl/drivers:${m.name}`, seed: r.seed, path: r.failure.path, expect: "fail", note: m.breaks }, r.failure.commands);
  console.log(writeTrace(DIR, `system-${m.name}.json`, t), `${t.commands.length} steps`);
}
