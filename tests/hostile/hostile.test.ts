/**
 * The hostile-input table (issue 9), in-process part: every case of trace-cases, flag-cases,
 * store-cases and process-cases that needs no binary, run through the command line function
 * (cli/cli-main.ts) and judged (case.ts). hostile-binary.test.ts runs the rest, and a sample of
 * these, through the real binary.
 */
import { describe, expect, it } from "vitest";
import { ALL, inProcess, judge, setUp, TIMEOUT_MS } from "./run-case.js";

describe("hostile inputs, in-process", () => {
  it("the table has at least 300 cases", () => {
    expect(ALL.length).toBeGreaterThanOrEqual(300);
  });

  it.each(ALL.filter((c) => c.binaryOnly !== true).map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const dir = setUp(c);
    judge(c, await inProcess(c.argv(dir)), dir);
  }, TIMEOUT_MS);
});
