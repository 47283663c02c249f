/**
 * A trace with fail_nth (D32) goes through every tool like any other: the trace codec (write,
 * read back), replay (on the broken variant and on the bundled core), shrink (padding and an
 * idle fail_nth deleted, the arming fail_nth kept) and show.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Command } from "../api/commands.js";
import { MAX_IOASID } from "../api/constants.js";
import { coreTrace } from "./record.js";
import { replayTrace } from "./replay.js";
import { readTrace, writeTrace } from "./store.js";
import { shrinkTrace } from "./shrink/index.js";
import { showTrace } from "./show/index.js";

const dir = mkdtempSync(join(tmpdir(), "fault-trace-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ALLOC: Command = { op: "alloc", set: 1, min: 1, max: MAX_IOASID, data: null };

/** alloc-enomem-keeps-quota's three relevant steps (alloc_set, fail_nth 1, alloc) among padding. */
const PADDED: readonly Command[] = [
  { op: "fail_nth", n: 3 },
  { op: "alloc_set", token: { type: "null", value: 0 }, quota: 4 },
  ALLOC,
  { op: "get", set: 1, id: 1 },
  { op: "fail_nth", n: 2 },
  { op: "fail_nth", n: 1 },
  ALLOC,
  { op: "put", set: 1, id: 1 },
  { op: "run_work" },
];

describe("traces with fail_nth", () => {
  const t = coreTrace({ implementation: "mutant:alloc-enomem-keeps-quota", seed: null, path: null, expect: "fail", note: "hand-written" }, 24, PADDED);

  it("are recorded with the failing step, written and read back unchanged", () => {
    expect(t.violation).toMatchObject({ step: 6, kind: "state" });
    const back = readTrace(writeTrace(dir, "padded.json", t));
    expect(back).toEqual(t);
  });

  it("replay: fail on the broken variant at the armed alloc, pass on the bundled core", () => {
    expect(replayTrace(t)).toMatchObject({ status: "fail", step: 6, kind: "state" });
    const fixed = replayTrace({ ...t, implementation: "impl", expect: "pass" });
    expect(fixed.status, fixed.detail).toBe("pass");
    expect(fixed.values).toEqual([null, 1, 1, null, null, null, null, null, null]);
  });

  it("shrink: down to alloc_set, fail_nth 1, alloc, with the failure class kept", () => {
    const s = shrinkTrace(t);
    if (!s.ok) throw new Error(s.error);
    expect(s.trace.commands.map((c) => c.op)).toEqual(["alloc_set", "fail_nth", "alloc"]);
    expect(s.trace.commands[1]).toEqual({ op: "fail_nth", n: 1 });
  });

  it("show: the fail_nth step is drawn in the core's column", () => {
    const table = showTrace(t, "table");
    expect(table).toContain("fail_nth 1: allocation 1 of the next");
    expect(showTrace(t, "mermaid")).toContain("fail_nth 1");
    expect(showTrace(t, "json")).toContain("fail_nth 2");
  });
});
