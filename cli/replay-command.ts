/**
 * `ioasid-check replay FILE...`: replay stored traces deterministically, each on the core it
 * names (rebuilt from the trace: cli/core-target.ts), or all on the core given by --impl, --exec
 * or --kernel-c (e.g. the fixed build). Exit 0 when every trace shows what it expects (a
 * failure: the one its violation names, counterexamples/expected-failure.ts), 1 otherwise, 2 for
 * a file or a core that cannot be used (a bundled implementation name that does not exist).
 */
import { readTrace, TraceFileError } from "../counterexamples/store.js";
import { replayTrace } from "../counterexamples/replay.js";
import { mismatch, unknownImplementation } from "../counterexamples/expected-failure.js";
import type { Request } from "./args.js";
import { coreForTrace, openOverride } from "./core-target.js";

type ReplayRequest = Extract<Request, { kind: "replay" }>;

export const replayCommand = async (req: ReplayRequest, print: (s: string) => void): Promise<number> => {
  const override = await openOverride(req.core);
  const rows = [];
  try {
    for (const file of req.files) {
      const t = readTrace(file);
      const unknown = unknownImplementation(t);
      if (unknown !== null) throw new TraceFileError(file, unknown);
      const core = await coreForTrace(t, file, override, req.timeoutMs);
      try {
        const r = replayTrace(t, core.make);
        // On another core than the trace's own, the trace is a test of that core: it must pass.
        const own = override === null || (override.target.kind === "bundled" && override.target.name === t.implementation);
        const expect = own ? t.expect : "pass";
        const differs = mismatch({ ...t, expect }, r);
        rows.push({ file, suite: t.suite, implementation: core.who, expect, status: r.status, step: r.step, kind: r.kind, detail: r.detail, asExpected: differs === null, ...(differs === null ? {} : { mismatch: differs }) });
      } finally {
        core.close();
      }
    }
  } finally {
    override?.opened.close();
  }
  if (req.json) print(JSON.stringify(rows, null, 2));
  else {
    for (const r of rows) {
      const where = r.status === "fail" ? ` at step ${r.step + 1} (${r.kind}): ${r.detail}` : "";
      const differs = r.mismatch === undefined || r.status === "pass" ? "" : ` [${r.mismatch}]`;
      print(`${r.asExpected ? "ok  " : "FAIL"} ${r.file}: ${r.suite} on ${r.implementation}, expected ${r.expect}, got ${r.status}${where}${differs}`);
    }
  }
  return rows.every((r) => r.asExpected) ? 0 : 1;
};
