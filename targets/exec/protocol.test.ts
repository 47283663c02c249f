/**
 * The protocol as it travels: every line of real traffic between the adapter and the Python
 * core decodes with its codec and every message kind occurs; non-finite numbers cross the wire;
 * handler context and custom allocators work through callbacks.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { PathReporter } from "io-ts/lib/PathReporter.js";
import type * as t from "io-ts";
import { INVALID_IOASID } from "../../api/constants.js";
import { runCoreSuite } from "../../properties/core/suite.js";
import { createExecCore, ExecSession, fromWire, HarnessMessage, ImplMessage, toWire } from "./index.js";
import type { WireNumber } from "./index.js";
import { FakeImpls } from "./fake-impl.js";

const PYTHON_CORE = fileURLToPath(new URL("../../examples/python-core/ioasid_core.py", import.meta.url));
const fakes = new FakeImpls();
afterAll(() => fakes.remove());

const RELAY = `
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const [logIn, logOut, command, ...args] = process.argv.slice(2);
const child = spawn(command, args, { stdio: ["pipe", "pipe", "inherit"] });
process.stdin.on("data", (d) => { fs.appendFileSync(logIn, d); child.stdin.write(d); });
process.stdin.on("end", () => child.stdin.end());
child.stdout.on("data", (d) => { fs.appendFileSync(logOut, d); process.stdout.write(d); });
child.on("exit", (code) => process.exit(code === null ? 1 : code));
`;

/** The `type` of every line of a log, each line decoded with `codec` (failures listed). */
const decodeLog = (path: string, codec: t.Mixed): { readonly kinds: Map<string, number>; readonly bad: string[] } => {
  const kinds = new Map<string, number>();
  const bad: string[] = [];
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (line === "") continue;
    const json: unknown = JSON.parse(line);
    const d = codec.decode(json);
    if (d._tag === "Left") {
      bad.push(`${line}: ${PathReporter.report(d).join("; ")}`);
      continue;
    }
    const kind = typeof json === "object" && json !== null && "type" in json ? String(json.type) : "?";
    const shape = typeof json === "object" && json !== null ? ["view", "inspect"].find((k) => k in json) : undefined;
    const sub = kind === "reply" && shape !== undefined ? `reply(${shape})` : kind;
    kinds.set(sub, (kinds.get(sub) ?? 0) + 1);
  }
  return { kinds, bad };
};

describe("exec protocol", () => {
  it("real traffic decodes with the codecs, and every message kind occurs", () => {
    const relay = fakes.file("relay.cjs", RELAY);
    const logIn = fakes.file("harness.log", "");
    const logOut = fakes.file("impl.log", "");
    const session = new ExecSession(process.execPath, [relay, logIn, logOut, "python3", PYTHON_CORE], { timeoutMs: 5000 });
    try {
      const r = runCoreSuite({ makeCore: (c) => session.core(c), numRuns: 60, seed: 11 });
      expect(r.failure).toBeNull();
    } finally {
      session.close();
    }
    const harness = decodeLog(logIn, HarnessMessage);
    const impl = decodeLog(logOut, ImplMessage);
    expect(harness.bad).toEqual([]);
    expect(impl.bad).toEqual([]);
    expect([...harness.kinds.keys()].sort()).toEqual(["allocator-answer", "call", "handler-done", "init", "shutdown"]);
    expect([...impl.kinds.keys()].sort()).toEqual(["allocator-alloc", "allocator-free", "deliver", "ready", "reply", "reply(inspect)", "reply(view)"]);
  });

  it("non-finite numbers travel as strings and are refused like any non-integer", () => {
    expect([NaN, Infinity, -Infinity, 3].map(toWire)).toEqual(["NaN", "Infinity", "-Infinity", 3]);
    const wires: readonly WireNumber[] = ["NaN", "Infinity", "-Infinity", 3];
    expect(wires.map(fromWire)).toEqual([NaN, Infinity, -Infinity, 3]);
    const echo = createExecCore(process.execPath, [fakes.script("echoArgs")], { timeoutMs: 2000, config: { capacity: 24 } });
    try {
      expect(echo.find(null, NaN, "none")).toEqual({ ok: true, value: '[null,"NaN","none"]' });
      expect(echo.allocSet({ type: "mm", mm: -Infinity }, Infinity)).toEqual({ ok: true, value: '[{"type":"mm","mm":"-Infinity"},"Infinity"]' });
    } finally {
      echo.close();
    }
    const py = createExecCore("python3", [PYTHON_CORE], { timeoutMs: 5000, config: { capacity: 24 } });
    try {
      expect(py.allocSet({ type: "null", value: 0 }, Infinity)).toEqual({ ok: false, errno: "EINVAL" });
      expect(py.allocSet({ type: "null", value: NaN }, 2)).toEqual({ ok: false, errno: "EINVAL" });
      expect(py.allocSet({ type: "null", value: 0 }, 2)).toEqual({ ok: true, value: 1 });
      expect(py.alloc(1, NaN, 5, null)).toEqual({ ok: false, errno: "EINVAL" });
      expect(py.get(null, NaN)).toEqual({ ok: false, errno: "EINVAL" });
      expect(py.get(NaN, 1)).toEqual({ ok: false, errno: "EINVAL" });
      expect(py.inspectId(NaN)).toBeNull();
    } finally {
      py.close();
    }
  });

  it("handler context through deliver callbacks: nested *Locked calls succeed, others EDEADLK (D27)", () => {
    const py = createExecCore("python3", [PYTHON_CORE], { timeoutMs: 5000, config: { capacity: 24 } });
    try {
      const seen: string[] = [];
      const set = py.allocSet({ type: "null", value: 0 }, 4);
      expect(set).toEqual({ ok: true, value: 1 });
      expect(py.registerNotifier(null, { name: "iommu", priority: "IOMMU", handler: (d) => seen.push(`iommu ${d.event} ${d.id}`) }).ok).toBe(true);
      expect(py.registerNotifier(1, {
        name: "kvm", priority: "CPU",
        handler: (d, core) => {
          seen.push(`kvm ${d.event} ${d.id}: get ${core.get(d.set, d.id).ok ? "ok" : "refused"}`);
          const r = core.getLocked(d.set, d.id);
          seen.push(`kvm get_locked ${r.ok ? "ok" : r.ok === false ? r.errno : ""}`);
        },
      }).ok).toBe(true);
      expect(py.getLocked(1, 1)).toEqual({ ok: false, errno: "EINVAL" }); // outside a handler
      const id = py.alloc(1, 1, 8, "d");
      expect(id).toEqual({ ok: true, value: 8 }); // the highest free ID: this implementation's policy
      expect(py.inspectId(8)).toEqual({ state: "ALLOCATED", refs: 2, set: 1, spid: null });
      expect(py.free(1, 8)).toEqual({ ok: true, value: null });
      expect(py.inspectId(8)).toEqual({ state: "FREE_PENDING", refs: 1, set: 1, spid: null });
      expect(seen).toEqual([
        "kvm ALLOC 8: get refused", "kvm get_locked ok",
        "kvm FREE 8: get refused", "kvm get_locked ENOENT", // CPU before IOMMU (D25); no reference after free (D4)
        "iommu FREE 8",
      ]);
      expect(py.put(1, 8)).toEqual({ ok: true, value: null });
      expect(py.inspectId(8)).toBeNull();
    } finally {
      py.close();
    }
  });

  it("custom allocators through allocator callbacks: the answer is the ID, a bad answer is ENOSPC (D28, D29)", () => {
    const py = createExecCore("python3", [PYTHON_CORE], { timeoutMs: 5000, config: { capacity: 24 } });
    try {
      const calls: string[] = [];
      let answer = 5;
      const alloc = (min: number, max: number) => {
        calls.push(`alloc ${min}..${max}`);
        return answer;
      };
      const free = (id: number) => void calls.push(`free ${id}`);
      expect(py.registerAllocator({ name: "vcmd", alloc, free })).toEqual({ ok: true, value: null });
      expect(py.registerAllocator({ name: "vcmd", alloc, free })).toEqual({ ok: false, errno: "EEXIST" });
      expect(py.allocSet({ type: "null", value: 0 }, 4)).toEqual({ ok: true, value: 1 });
      expect(py.alloc(1, 1, 8, null)).toEqual({ ok: true, value: 5 });
      answer = INVALID_IOASID;
      expect(py.alloc(1, 1, 8, null)).toEqual({ ok: false, errno: "ENOSPC" });
      answer = 5; // in use
      expect(py.alloc(1, 1, 8, null)).toEqual({ ok: false, errno: "ENOSPC" });
      expect(py.unregisterAllocator("vcmd")).toEqual({ ok: false, errno: "EBUSY" });
      expect(py.free(1, 5)).toEqual({ ok: true, value: null });
      expect(py.unregisterAllocator("vcmd")).toEqual({ ok: true, value: null });
      expect(calls).toEqual(["alloc 1..8", "alloc 1..8", "alloc 1..8", "free 5"]);
    } finally {
      py.close();
    }
  });
});
