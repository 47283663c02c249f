/**
 * Fault injection over the exec protocol (protocol.ts rule 6, D32): `failNth` exists on the core
 * only when the process advertised "failNth" at `ready`; it travels as `call failNth [n]`,
 * answered with ok(null); any other answer stops the core.
 */
import { afterAll, describe, expect, it } from "vitest";
import { ok } from "../../api/result.js";
import { createExecCore, ExecFailure } from "./index.js";
import { FakeImpls } from "./fake-impl.js";

const fakes = new FakeImpls();
afterAll(() => fakes.remove());

/** A process that advertises `features` and answers every call with the args of the last failNth it got. */
const script = (name: string, features: readonly string[], failNthResult: string): string => fakes.file(`${name}.cjs`, `
const out = (m) => process.stdout.write(JSON.stringify(m) + "\\n");
let armed = null;
let buffered = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => {
  buffered += chunk;
  for (let nl = buffered.indexOf("\\n"); nl >= 0; nl = buffered.indexOf("\\n")) {
    const m = JSON.parse(buffered.slice(0, nl));
    buffered = buffered.slice(nl + 1);
    if (m.type === "init") out({ type: "ready", version: 1, features: ${JSON.stringify(features)} });
    else if (m.type === "shutdown") process.exit(0);
    else if (m.method === "failNth") { armed = m.args; out({ type: "reply", seq: m.seq, result: ${failNthResult} }); }
    else { out({ type: "reply", seq: m.seq, result: { ok: true, value: JSON.stringify(armed) } }); armed = null; }
  }
});
process.stdin.on("end", () => process.exit(0));
`);

const core = (name: string, features: readonly string[], failNthResult = "{ ok: true, value: null }") =>
  createExecCore(process.execPath, [script(name, features, failNthResult)], { timeoutMs: 5000, config: { capacity: 8 } });

describe("fault injection over the exec protocol", () => {
  it("advertised: failNth sends call failNth [n] before the call it arms", () => {
    const c = core("offers", ["inspectSet", "failNth"]);
    try {
      expect(typeof c.failNth).toBe("function");
      c.failNth?.(2);
      expect(c.setGet(1)).toEqual(ok("[2]"));
      expect(c.setGet(1)).toEqual(ok("null"));
    } finally {
      c.close();
    }
  });

  it("not advertised: the core has no failNth", () => {
    const c = core("lacks", ["inspectSet"]);
    try {
      expect(c.failNth).toBeUndefined();
    } finally {
      c.close();
    }
  });

  it("a failNth answered with anything but ok stops the core", () => {
    const c = core("refuses", ["failNth"], '{ ok: false, errno: "EINVAL" }');
    try {
      expect(() => c.failNth?.(1)).toThrow(ExecFailure);
      expect(() => c.setGet(1)).toThrow(/the core is stopped/);
    } finally {
      c.close();
    }
  });
});
