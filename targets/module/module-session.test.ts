/**
 * The worker proxy of a module core: every method of the core is forwarded by name (optional
 * methods included), callbacks nest both ways with function identity kept, and a core that hangs
 * or ends its thread fails the step within the timeout with a fresh worker for the next core.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { ModuleFailure, ModuleSession } from "./module-session.js";
import { ModuleError } from "./load-module.js";
import { runCoreSuite } from "../../properties/core/suite.js";

const dir = mkdtempSync(join(tmpdir(), "ioasid-module-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const IMPL = JSON.stringify(pathToFileURL(join(process.cwd(), "impl/index.ts")).href);
const DIST_IMPL = JSON.stringify(pathToFileURL(join(process.cwd(), "dist/impl/index.js")).href);

let n = 0;
const moduleFile = (text: string): string => {
  const file = join(dir, `m${++n}.mjs`);
  writeFileSync(file, text);
  return file;
};

/** A module on the bundled core (compiled), with `extra` added to each core. */
const bundled = (extra: string): string => moduleFile(`
import { createImplCore } from ${DIST_IMPL};
export const createCore = (config) => { const core = createImplCore(config); ${extra}; return core; };`);

describe("module cores in a worker", () => {
  it("forwards every method by name, optional ones included, and nothing else", () => {
    const s = ModuleSession.open(bundled("core.inspectSet = (h) => ({ set: h, extra: [1, undefined, -0] }); core.capacityLeft = () => 7; core.inspectNotifier = undefined"), { timeoutMs: 5000 });
    try {
      const core = s.core({ capacity: 24 });
      expect(core.capacityLeft).toBeTypeOf("function");
      expect(core.capacityLeft?.()).toBe(7);
      expect(core.inspectSet?.(3)).toEqual({ set: 3, extra: [1, undefined, -0] });
      expect("inspectNotifier" in core).toBe(false);
      expect(core.allocSet({ type: "null", value: 0 }, 4)).toEqual({ ok: true, value: 1 });
    } finally {
      s.close();
    }
  });

  it("forwards failNth when the module's core has it (fault injection, D32), and only then", () => {
    const s = ModuleSession.open(bundled(""), { timeoutMs: 5000 });
    try {
      const core = s.core({ capacity: 24 });
      expect(core.failNth).toBeTypeOf("function");
      core.failNth?.(1);
      expect(core.allocSet({ type: "null", value: 0 }, 4)).toEqual({ ok: false, errno: "ENOMEM" });
      expect(core.allocSet({ type: "null", value: 0 }, 4)).toEqual({ ok: true, value: 1 });
    } finally {
      s.close();
    }
    const bare = ModuleSession.open(bundled("core.failNth = undefined"), { timeoutMs: 5000 });
    try {
      expect("failNth" in bare.core({ capacity: 24 })).toBe(false);
    } finally {
      bare.close();
    }
  });

  it("runs handlers in the harness with the core they are handed, nested calls included", () => {
    const s = ModuleSession.open(bundled(""), { timeoutMs: 5000 });
    try {
      const core = s.core({ capacity: 24 });
      const seen: string[] = [];
      expect(core.allocSet({ type: "null", value: 0 }, 4).ok).toBe(true);
      const id = core.alloc(1, 1, 100, null);
      expect(id.ok).toBe(true);
      const idValue = id.ok && typeof id.value === "number" ? id.value : -1;
      core.registerNotifier(null, { name: "kvm", priority: "CPU", handler: (d, c) => {
        seen.push(`${d.event} ${d.id}`);
        seen.push(JSON.stringify(c.getLocked(d.set, d.id)));
        seen.push(JSON.stringify(c.get(d.set, d.id)));
      } });
      expect(core.notify(1, idValue, "BIND").ok).toBe(true);
      expect(seen).toEqual([`BIND ${idValue}`, '{"ok":true,"value":null}', '{"ok":false,"errno":"EDEADLK"}']);
      expect(core.inspectId(idValue)?.refs).toBe(2);
    } finally {
      s.close();
    }
  });

  it("a facade core (a Proxy whose methods run on the object inside) agrees with the spec: its handlers call back the object they are handed", () => {
    const file = moduleFile(`
import { createImplCore } from ${DIST_IMPL};
export const createCore = (config) => {
  const core = createImplCore(config);
  return new Proxy(core, { get: (t, p) => (typeof t[p] === "function" ? t[p].bind(t) : t[p]) });
};`);
    const s = ModuleSession.open(file, { timeoutMs: 5000 });
    try {
      const r = runCoreSuite({ makeCore: (c) => s.core(c), numRuns: 150, seed: 1 });
      expect(r.failure?.divergence.detail ?? null).toBeNull();
      const handlerCalls = r.coverage.entries().filter(([k]) => k.startsWith("handler:")).reduce((a, [, n]) => a + n, 0);
      expect(handlerCalls).toBeGreaterThan(0);
    } finally {
      s.close();
    }
  });

  it("keeps function identity: ops sharing alloc and free share one ID space", () => {
    const file = moduleFile(`
export const createCore = () => {
  const fns = [];
  const core = { sameFns: () => fns.length === 2 && fns[0] === fns[1], registerAllocator(ops) { fns.push(ops.alloc); return { ok: true, value: null }; } };
  for (const m of ${JSON.stringify(["allocSet", "adjustSet", "setGet", "setGetLocked", "setPut", "setPutLocked", "forEachIoasid", "alloc", "free", "get", "getLocked", "put", "putLocked", "find", "attachData", "attachSpid", "detachSpid", "findBySpid", "registerNotifier", "unregisterNotifier", "registerNotifierMm", "unregisterNotifierMm", "notify", "unregisterAllocator", "inspectId"])}) core[m] = () => null;
  return core;
};`);
    const s = ModuleSession.open(file, { timeoutMs: 5000 });
    try {
      const core = s.core({ capacity: 24 });
      const alloc = (min: number) => min;
      const free = () => {};
      core.registerAllocator({ name: "a", alloc, free });
      core.registerAllocator({ name: "b", alloc, free });
      expect(Reflect.apply(Reflect.get(core, "sameFns"), core, [])).toBe(true);
    } finally {
      s.close();
    }
  });

  it("a hang fails the step within the timeout; the next core runs on a fresh worker", () => {
    const s = ModuleSession.open(bundled("core.free = () => { for (;;) {} }"), { timeoutMs: 300 });
    try {
      const core = s.core({ capacity: 24 });
      const t0 = Date.now();
      expect(() => core.free(null, 1)).toThrow(ModuleFailure);
      expect(Date.now() - t0).toBeLessThan(3000);
      expect(() => core.get(null, 1)).toThrow(/the core is stopped/);
      const next = s.core({ capacity: 24 });
      expect(next.allocSet({ type: "null", value: 0 }, 4)).toEqual({ ok: true, value: 1 });
    } finally {
      s.close();
    }
  });

  it("the suite reports process.exit in a method as a crash at that step", () => {
    const s = ModuleSession.open(bundled("core.free = () => process.exit(0)"), { timeoutMs: 2000 });
    try {
      const r = runCoreSuite({ makeCore: s.factory(), numRuns: 50, seed: 3 });
      expect(r.failure?.divergence.kind).toBe("crash");
      // The step is a free, or a command whose handler calls free.
      expect(r.failure?.divergence.detail).toMatch(/call #\d+ free\([\s\S]*ended its worker thread during the call \(exit code 0/);
    } finally {
      s.close();
    }
  });

  it("a TypeScript file is an input error with a hint", () => {
    const file = join(dir, "core.ts");
    writeFileSync(file, `import { createImplCore } from ${IMPL};\nexport const createCore = (c: { capacity: number }) => createImplCore(c);`);
    let error: unknown;
    try {
      ModuleSession.open(file, { timeoutMs: 2000 }).close();
    } catch (e) {
      error = e;
    }
    // Node 20 cannot import TypeScript; newer Node strips the types and loads it.
    if (error !== undefined) {
      expect(error).toBeInstanceOf(ModuleError);
      expect(String(error)).toMatch(/compile TypeScript to JavaScript first/);
    }
  });
});
