/**
 * The hostile-input table (issue 9) through the real binary: the binary-only cases (store paths
 * of `run`) and every SAMPLE-th in-process case, each with a timeout.
 */
import { describe, it } from "vitest";
import { ALL, binary, judge, SAMPLE, setUp, TIMEOUT_MS } from "./run-case.js";

const sampled = ALL.filter((c) => c.binaryOnly !== true).filter((_c, i) => i % SAMPLE === 0);

describe("hostile inputs, through the binary", () => {
  it.each([...ALL.filter((c) => c.binaryOnly === true), ...sampled].map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const dir = setUp(c);
    judge(c, binary(c.argv(dir)), dir);
  }, TIMEOUT_MS * 2);
});
