/**
 * The kit's protocol main, driven line by line (the example file built with the kit): hostile
 * input never crashes it, every call gets its answer, each `init` starts a pristine core, a
 * call that would deadlock answers EDEADLK, void calls carry their warnings, and callbacks
 * follow the protocol.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExecSession } from "../exec/index.js";
import { buildKernelC } from "./index.js";

const EXAMPLE = fileURLToPath(new URL("../../examples/kernel-c/ioasid.c", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "ioasid-kit-main-"));
let binary = "";
beforeAll(() => {
  binary = buildKernelC({ file: EXAMPLE, cflags: [] }, work).binary;
}, 180_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const INIT = '{"type":"init","version":1,"config":{"capacity":16}}';
const call = (seq: number, method: string, args: readonly unknown[]) => JSON.stringify({ type: "call", seq, method, args });

/** Feed `lines` (then shutdown) to a fresh process; its stdout lines, stderr and exit. */
const session = (lines: readonly string[]) => {
  const r = spawnSync(binary, [], { input: [...lines, '{"type":"shutdown"}', ""].join("\n"), encoding: "utf8", timeout: 30_000 });
  const out = r.stdout.split("\n").filter((l) => l !== "").map((l): unknown => JSON.parse(l));
  return { out, stderr: r.stderr, status: r.status, signal: r.signal };
};

const reply = (seq: number, result: unknown) => ({ type: "reply", seq, result });
/** The example's hooks define every optional introspection hook, so `ready` lists all four, and the kit's fault injection (dispatch.c rule 4). */
const READY = { type: "ready", version: 1, features: ["inspectSet", "capacityLeft", "inspectNotifier", "inspectAllocator", "failNth"] };
const inspect = (seq: number, answer: unknown) => ({ type: "reply", seq, inspect: answer });

/** The warnings of a NoErrno reply, one per line. */
const warningsOf = (m: unknown): string => {
  if (typeof m !== "object" || m === null || !("result" in m)) return "";
  const r: unknown = m.result;
  return typeof r === "object" && r !== null && "warnings" in r && Array.isArray(r.warnings) ? r.warnings.join("\n") : "";
};
const ok = (value: unknown = null) => ({ ok: true, value });

describe("the kit's protocol main", () => {
  it("answers hostile input without crashing: bad JSON is skipped, untranslatable arguments are named", () => {
    const deep = `${"[".repeat(200)}${"]".repeat(200)}`;
    const r = session([
      INIT, "this is not json", deep, '{"type":"call","seq":1,"method":"setGet","args":[1],"seq":2}', "{}", '{"type":"call"}',
      call(1, "allocSet", [{ type: "null", value: 0 }, 4]),
      call(2, "alloc", [1, "NaN", 1e400, null]),
      call(3, "get", [1, -1]),
      call(4, "get", [1, 0.5]),
      call(5, "get", [1]),
      call(6, "noSuchMethod", []),
      call(7, "allocSet", [{ type: "null", value: -1 }, 4]),
      call(8, "setGet", [99]),
      call(9, "inspectId", ["Infinity"]),
      '{"type":"call","seq":10,"method":"get","args":"not a list"}',
      call(11, "get", [1, 4294967295]),
      '{"type":"handler-done","seq":77}',
    ]);
    expect(r.status).toBe(0);
    const byseq = new Map(r.out.flatMap((m) => (typeof m === "object" && m !== null && "seq" in m ? [[m.seq, m] as const] : [])));
    expect(r.out[0]).toEqual(READY);
    expect(byseq.get(1)).toEqual(reply(1, ok(1)));
    for (const [seq, why] of [[2, /argument 2: the string "NaN" is not a value of C type ioasid_t/], [3, /argument 2: -1 is not/], [4, /argument 2: 0.5 is not/],
      [5, /get takes 2 arguments, not 1/], [6, /unknown method "noSuchMethod"/], [7, /token value -1 does not fit/], [8, /set handle 99 was never handed out/],
      [10, /no argument list/]] as const) {
      expect(byseq.get(seq)).toMatchObject({ result: { ok: false, errno: null, via: "untranslatable" } });
      expect(warningsOf(byseq.get(seq))).toMatch(why);
    }
    expect(byseq.get(9)).toEqual({ type: "reply", seq: 9, view: null });
    expect(byseq.get(11)).toEqual(reply(11, { ok: false, errno: "EINVAL" }));
    expect(r.stderr).toMatch(/skipping a line that is not JSON \(not a JSON value\): this is not json/);
    expect(r.stderr).toMatch(/nested too deeply/);
    expect(r.stderr).toMatch(/duplicate member name/);
    expect(r.stderr).toMatch(/ignoring an answer with seq 77/);
  });

  it("a call before init is answered, not obeyed", () => {
    const r = session([call(1, "allocSet", [{ type: "null", value: 0 }, 4]), INIT, call(1, "inspectId", [1])]);
    expect(r.out[0]).toMatchObject({ seq: 1, result: { ok: false, errno: null, via: "untranslatable" } });
    expect(r.out[1]).toEqual(READY);
  });

  it("every init starts a pristine core (a fresh process image)", () => {
    const core = [call(1, "allocSet", [{ type: "mm", mm: 7 }, 4]), call(2, "alloc", [1, 1, 100, "x"]), call(3, "inspectId", [1])];
    const r = session([INIT, ...core, INIT, ...core]);
    const once = [READY, reply(1, ok(1)), reply(2, ok(1)), { type: "reply", seq: 3, view: { state: "ALLOCATED", refs: 1, set: 1, spid: null } }];
    expect(r.out).toEqual([...once, ...once]);
  });

  it("a lock-taking call inside a handler answers EDEADLK instead of hanging; _locked calls run there", () => {
    const r = session([
      INIT,
      call(1, "registerNotifier", [null, { name: "kvm \"one\" \ud800", priority: "CPU" }]),
      call(2, "allocSet", [{ type: "null", value: 5 }, 4]),
      call(3, "alloc", [1, 1, 100, null]),
      call(4, "get", [1, 1]),
      call(5, "free", [1, 1]),
      call(6, "free", [1, 1]),
      call(7, "putLocked", [1, 1]),
      '{"type":"handler-done","seq":1}',
      call(8, "inspectId", [1]),
      call(9, "getLocked", [1, 1]),
    ]);
    expect(r.out).toEqual([
      READY, reply(1, ok()), reply(2, ok(1)), reply(3, ok(1)), reply(4, ok()),
      { type: "deliver", seq: 1, delivery: { event: "FREE", id: 1, spid: null, set: 1, notifier: "kvm \"one\" \ud800" } },
      reply(6, { ok: false, errno: "EDEADLK" }),
      reply(7, ok()),
      reply(5, ok()),
      { type: "reply", seq: 8, view: null },
      reply(9, { ok: false, errno: "EINVAL" }),
    ]);
    expect(r.stderr).toMatch(/deadlock: ioasid_lock at .*ioasid\.c:\d+ is already held/);
    expect(r.stderr).toMatch(/lockdep: .*ioasid\.c:\d+ expects ioasid_lock to be held/);
  });

  it("a void call that warned carries its warnings; an allocator's unusable answer fails alloc without an errno", () => {
    const r = session([
      INIT,
      call(1, "allocSet", [{ type: "null", value: 5 }, 4]),
      call(2, "alloc", [1, 1, 100, null]),
      call(3, "put", [1, 1]),
      call(4, "free", [1, 1]),
      call(5, "registerAllocator", [{ name: "vcmd", fns: "f1" }]),
      call(6, "alloc", [1, 1, 100, null]),
      call(7, "get", [null, 1]),
      '{"type":"allocator-answer","seq":1,"value":"NaN"}',
    ]);
    expect(r.out.slice(3)).toEqual([
      reply(3, { ok: false, errno: null, via: "void", warnings: ["pr_err: ioasid: put of IOASID 1 would drop its allocation's reference"] }),
      reply(4, ok()),
      reply(5, ok()),
      { type: "allocator-alloc", seq: 1, name: "vcmd", min: 1, max: 100 },
      reply(7, { ok: false, errno: "EDEADLK" }),
      reply(6, { ok: false, errno: null, via: "sentinel", warnings: ["returned INVALID_IOASID"] }),
    ]);
  });

  it("answers the optional introspection from the file's structures; what names nothing is null", () => {
    const r = session([
      INIT,
      call(1, "capacityLeft", []),
      call(2, "allocSet", [{ type: "mm", mm: 7 }, 4]),
      call(3, "registerNotifierMm", [9, { name: "kvm", priority: "CPU" }]),
      call(4, "registerNotifierMm", [7, { name: "sva", priority: "IOMMU" }]),
      call(5, "registerNotifier", [null, { name: "iommu", priority: "IOMMU" }]),
      call(6, "registerAllocator", [{ name: "vcmd", fns: "f1" }]),
      call(7, "registerAllocator", [{ name: "vcmd-b", fns: "f2" }]),
      call(8, "inspectSet", [1]),
      call(9, "capacityLeft", []),
      call(10, "inspectNotifier", ["kvm"]),
      call(11, "inspectNotifier", ["sva"]),
      call(12, "inspectNotifier", ["iommu"]),
      call(13, "inspectAllocator", ["vcmd"]),
      call(14, "inspectAllocator", ["vcmd-b"]),
      call(15, "inspectSet", [2]),
      call(16, "inspectSet", ["NaN"]),
      call(17, "inspectNotifier", ["nobody"]),
      call(18, "inspectAllocator", [3]),
      call(19, "inspectSet", []),
      call(20, "setPut", [1]),
      call(21, "inspectSet", [1]),
      call(22, "inspectNotifier", ["sva"]),
      call(23, "capacityLeft", []),
    ]);
    expect(r.out.filter((m) => typeof m === "object" && m !== null && "inspect" in m)).toEqual([
      inspect(1, 16),
      inspect(8, { quota: 4, held: 0, dying: false, kind: "mm", token: 7, refs: 1 }),
      inspect(9, 12),
      inspect(10, { where: "pending", set: null, mm: 9 }),
      inspect(11, { where: "set", set: 1, mm: 7 }),
      inspect(12, { where: "global", set: null, mm: null }),
      inspect(13, { active: true, outstanding: 0 }),
      inspect(14, { active: false, outstanding: 0 }),
      inspect(15, null), inspect(16, null), inspect(17, null), inspect(18, null), inspect(19, null),
      inspect(21, null), // the last put destroyed the empty set
      inspect(22, { where: "pending", set: null, mm: 7 }),
      inspect(23, 16),
    ]);
  });

  it("failNth arms the next call only: its n-th allocation fails and nothing is kept (D32)", () => {
    const r = session([
      INIT,
      call(1, "failNth", [1]),
      call(2, "allocSet", [{ type: "null", value: 5 }, 4]),
      call(3, "allocSet", [{ type: "null", value: 5 }, 16]),
      call(4, "failNth", [1]),
      call(5, "alloc", [1, 1, 100, null]),
      call(6, "inspectId", [1]),
      call(7, "failNth", [5]),
      call(8, "alloc", [1, 1, 100, null]),
      call(9, "alloc", [1, 1, 100, null]),
    ]);
    expect(r.out).toEqual([
      READY, reply(1, ok()),
      reply(2, { ok: false, errno: "ENOMEM" }),
      reply(3, ok(1)),
      reply(4, ok()),
      reply(5, { ok: false, errno: null, via: "sentinel", warnings: ["returned INVALID_IOASID"] }),
      { type: "reply", seq: 6, view: null },
      reply(7, ok()),
      reply(8, ok(1)),
      reply(9, ok(2)),
    ]);
    expect(r.stderr).toMatch(/kit: fail_nth: allocation of \d+ bytes made to fail/);
  });

  it("its answers decode through the exec adapter, NoErrno included", () => {
    const s = new ExecSession(binary, [], { timeoutMs: 10_000 });
    try {
      const core = s.core({ capacity: 16 });
      expect(core.allocSet({ type: "null", value: 1 }, 2)).toEqual(ok(1));
      expect(core.alloc(1, 5, 5, "data")).toEqual(ok(5));
      expect(core.find(1, 5, "accept")).toEqual(ok("data"));
      expect(core.put(null, 5)).toEqual({ ok: false, errno: null, via: "void", warnings: ["pr_err: ioasid: put of IOASID 5 would drop its allocation's reference"] });
      expect(core.alloc(1, 5, 5, null)).toEqual({ ok: false, errno: null, via: "sentinel", warnings: ["returned INVALID_IOASID"] });
      expect(core.inspectId(5)).toEqual({ state: "ALLOCATED", refs: 1, set: 1, spid: null });
      expect(core.inspectSet?.(1)).toEqual({ quota: 2, held: 1, dying: false, kind: "null", token: 1, refs: 1 });
      expect(core.capacityLeft?.()).toBe(14);
    } finally {
      s.close();
    }
  });
});
