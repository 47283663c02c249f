/**
 * The Python example implementation (examples/python-core) passes the core conformance suite
 * through the exec adapter, and the adapter hides nothing: broken variants of the same Python
 * core are caught with short counterexamples.
 *
 * One process per suite run (ExecSession, reset with `init` for every core) keeps the 150 runs
 * to about a second; the standalone form (one process per core) is exercised on fewer runs.
 */
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runCoreSuite } from "../../properties/core/suite.js";
import type { CoreSuiteReport } from "../../properties/core/suite.js";
import { formatCoverage, formatFailure } from "../../properties/core/report.js";
import { createExecCore, ExecSession } from "./index.js";
import type { ExecCore } from "./index.js";
import { FakeImpls, isRunning } from "./fake-impl.js";

const PYTHON_DIR = fileURLToPath(new URL("../../examples/python-core/", import.meta.url));
const PYTHON_CORE = `${PYTHON_DIR}ioasid_core.py`;
const SEED = 20240611;
const failureText = (r: CoreSuiteReport) => (r.failure === null ? "" : formatFailure(r.failure, `(python core over exec) seed ${r.seed}`));

const fakes = new FakeImpls();
afterAll(() => fakes.remove());

/** A broken variant: the Python core with one function replaced (`m` is the module). */
const variant = (name: string, patch: string): string =>
  fakes.file(`${name}.py`, [
    "import sys",
    "sys.dont_write_bytecode = True",
    `sys.path.insert(0, ${JSON.stringify(PYTHON_DIR)})`,
    "import ioasid_core as m",
    patch.trim(),
    "sys.exit(m.main())",
  ].join("\n"));

const VARIANTS: ReadonlyArray<readonly [string, string]> = [
  ["free drops the allocation's reference before FREE is delivered (D9)", `
def free_id(self, rec):
    if rec.state == m.FREE_PENDING:
        return
    rec.state = m.FREE_PENDING
    self.drop_ref(rec, taken=False)
    if self.ids.get(rec.id) is rec:
        self.publish("FREE", rec)
m.Core.free_id = free_id`],
  ["delivery in registration order, ignoring priority (D25)", `
m.PRIORITY_RANK = {"CPU": 0, "DEVICE": 0, "IOMMU": 0, "LAST": 0}`],
  ["lock-taking calls allowed inside handlers (D27)", `
def context(self, locked):
    if locked:
        m.check(self.depth > 0, "EINVAL")
m.Core.context = context`],
  ["a freed ID's SPID still resolves (D13)", `
def allocated_with_spid(self, handle, spid):
    return next((r for r in self.ids.values() if r.set == handle and r.spid == spid), None)
m.Core.allocated_with_spid = allocated_with_spid`],
  ["attach_spid's ENOMEM path leaves the SPID on the ID (D32)", `
attach = m.Core.attachSpid
def attachSpid(self, set_handle, ident, spid):
    try:
        attach(self, set_handle, ident, spid)
    except m.Refused as e:
        if e.errno == "ENOMEM":
            self.ids[int(ident)].spid = int(spid)
        raise
m.Core.attachSpid = attachSpid`],
];

describe("the Python core over the exec protocol", () => {
  it("agrees with the spec on 150 runs of the core conformance suite (one process, reset per core)", () => {
    const session = new ExecSession("python3", [PYTHON_CORE], { timeoutMs: 5000 });
    let cores = 0;
    try {
      const started = Date.now();
      const r = runCoreSuite({ makeCore: (c) => { cores++; return session.core(c); }, numRuns: 150, seed: SEED });
      console.log(`python core: ${r.runs} runs, ${r.commands} commands, ${cores} cores, ${Date.now() - started} ms\n${formatCoverage(r)}`);
      expect(failureText(r)).toBe("");
      expect(r.runs).toBe(150);
      expect(r.unchecked).not.toContain("failNth");
      expect(r.coverage.count("alloc:ENOMEM")).toBeGreaterThan(0);
    } finally {
      session.close();
    }
    const pid = session.pid;
    if (pid !== undefined) expect(isRunning(pid)).toBe(false);
  });

  it("agrees with the spec with one process per core (createExecCore), every process closed", () => {
    const cores: ExecCore[] = [];
    const makeCore = (c: { readonly capacity: number }) => {
      cores.at(-1)?.close(); // the suite never goes back to an older core
      const core = createExecCore("python3", [PYTHON_CORE], { timeoutMs: 5000, config: c });
      cores.push(core);
      return core;
    };
    try {
      const r = runCoreSuite({ makeCore, numRuns: 20, seed: SEED });
      expect(failureText(r)).toBe("");
    } finally {
      for (const core of cores) core.close();
    }
    expect(cores.length).toBe(20);
    expect(cores.filter((c) => c.pid !== undefined && isRunning(c.pid))).toEqual([]);
  });

  it.each(VARIANTS)("catches a broken variant: %s", (name, patch) => {
    const session = new ExecSession("python3", [variant(name.replace(/\W+/g, "-"), patch)], { timeoutMs: 5000 });
    try {
      const r = runCoreSuite({ makeCore: (c) => session.core(c), seed: SEED });
      expect(r.failure).not.toBeNull();
      expect(r.failure?.divergence.kind).not.toBe("crash");
      expect(r.failure?.commands.length).toBeLessThanOrEqual(8);
    } finally {
      session.close();
    }
  });
});
