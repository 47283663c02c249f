/**
 * `ioasid-check replay FILE...`: replay stored traces deterministically. Exit 0 when every trace
 * shows what it expects, 1 otherwise, 2 for a file that cannot be used.
 */
import { readTrace } from "../counterexamples/store.js";
import { asExpected, replayTrace } from "../counterexamples/replay.js";

export const replayCommand = (files: readonly string[], json: boolean, print: (s: string) => void): number => {
  const rows = files.map((file) => {
    const t = readTrace(file);
    const r = replayTrace(t);
    return { file, suite: t.suite, implementation: t.implementation, expect: t.expect, status: r.status, step: r.step, kind: r.kind, detail: r.detail, asExpected: asExpected(t, r) };
  });
  if (json) print(JSON.stringify(rows, null, 2));
  else {
    for (const r of rows) {
      const where = r.status === "fail" ? ` at step ${r.step + 1} (${r.kind}): ${r.detail}` : "";
      print(`${r.asExpected ? "ok  " : "FAIL"} ${r.file}: ${r.suite} on ${r.implementation}, expected ${r.expect}, got ${r.status}${where}`);
    }
  }
  return rows.every((r) => r.asExpected) ? 0 : 1;
};
