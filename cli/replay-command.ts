/**
 * `ioasid-check replay FILE...`: replay stored traces deterministically. Exit 0 when every trace
 * shows what it expects (a failure: the one it names, counterexamples/expected-failure.ts), 1
 * otherwise, 2 for a file that cannot be used (an unknown implementation included).
 */
import { readTrace, TraceFileError } from "../counterexamples/store.js";
import { replayTrace } from "../counterexamples/replay.js";
import { mismatch, unknownImplementation } from "../counterexamples/expected-failure.js";

export const replayCommand = (files: readonly string[], json: boolean, print: (s: string) => void): number => {
  const rows = files.map((file) => {
    const t = readTrace(file);
    const unknown = unknownImplementation(t);
    if (unknown !== null) throw new TraceFileError(file, unknown);
    const r = replayTrace(t);
    const differs = mismatch(t, r);
    return { file, suite: t.suite, implementation: t.implementation, expect: t.expect, status: r.status, step: r.step, kind: r.kind, detail: r.detail, asExpected: differs === null, ...(differs === null ? {} : { mismatch: differs }) };
  });
  if (json) print(JSON.stringify(rows, null, 2));
  else {
    for (const r of rows) {
      const where = r.status === "fail" ? ` at step ${r.step + 1} (${r.kind}): ${r.detail}` : "";
      const differs = r.mismatch === undefined || r.status === "pass" ? "" : ` [${r.mismatch}]`;
      print(`${r.asExpected ? "ok  " : "FAIL"} ${r.file}: ${r.suite} on ${r.implementation}, expected ${r.expect}, got ${r.status}${where}${differs}`);
    }
  }
  return rows.every((r) => r.asExpected) ? 0 : 1;
};
