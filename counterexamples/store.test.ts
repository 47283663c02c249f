/**
 * Bad trace files get an error naming the file, the field and what was expected; never a crash.
 */
import { describe, expect, it } from "vitest";
import { decodeTrace, TraceFileError } from "./store.js";

const good = {
  format: "ioasid-check-trace", version: 1, suite: "core", implementation: "impl", seed: 1, path: "0:1", capacity: 24,
  commands: [{ op: "alloc_set", token: { type: "null", value: 0 }, quota: 2 }, { op: "alloc", set: 1, min: 1, max: 8, data: null }],
  values: [1, 1], violation: null, expect: "pass", note: "",
};
const err = (text: string): string => {
  try {
    decodeTrace("t.json", text);
  } catch (e) {
    expect(e).toBeInstanceOf(TraceFileError);
    return e instanceof Error ? e.message : String(e);
  }
  throw new Error("decoded");
};

describe("decodeTrace", () => {
  it("decodes a valid trace", () => {
    expect(decodeTrace("t.json", JSON.stringify(good)).commands).toHaveLength(2);
  });
  it("reads a version-1 trace as version 2: the bundled core it named", () => {
    const t = decodeTrace("t.json", JSON.stringify(good));
    expect(t.version).toBe(2);
    expect(t.core).toEqual({ kind: "bundled" });
  });
  it("reads a version-2 trace naming a user's core", () => {
    const v2 = { ...good, version: 2, core: { kind: "exec", command: "python3", args: ["core.py"], cwd: "." } };
    expect(decodeTrace("t.json", JSON.stringify(v2)).core).toEqual(v2.core);
  });
  it.each([
    ["a version-2 bad command field", JSON.stringify({ ...good, version: 2, commands: [{ op: "alloc", set: "one", min: 1, max: 8, data: null }] }), /commands\[0\]\.set: expected number, got "one"/],
    ["a version-2 bad core", JSON.stringify({ ...good, version: 2, core: { kind: "module", path: 3, export: "createCore" } }), /core\.path: expected string, got 3/],
    ["truncated", JSON.stringify(good).slice(0, 40), /t\.json: truncated JSON/],
    ["not JSON", "hello", /t\.json: not JSON/],
    ["another format", JSON.stringify({ ...good, format: "x" }), /not an ioasid-check trace: field format: expected "ioasid-check-trace", got "x"/],
    ["another version", JSON.stringify({ ...good, version: 7 }), /field version: expected 2 .* got 7/],
    ["a bad command field", JSON.stringify({ ...good, commands: [good.commands[0], { op: "alloc", set: "one", min: 1, max: 8, data: null }] }), /commands\[1\]\.set: expected number, got "one"/],
    ["an unknown command", JSON.stringify({ ...good, commands: [{ op: "frobnicate" }] }), /commands\[0\]/],
    ["a missing field", JSON.stringify({ ...good, expect: undefined }), /expect: expected .*got nothing/],
  ])("%s", (_name, text, message) => {
    expect(err(text)).toMatch(message);
  });
});
