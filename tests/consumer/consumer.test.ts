/**
 * The package as a user meets it: packed, installed into a fresh temporary project, and used from
 * there — the command line, `validate --impl` of a core module written in that project, the
 * library imported from a vitest test file of that project, and its type declarations.
 *
 * Rules:
 *  1. The tarball is what `npm pack` makes of the built tree (`npm test` builds before vitest
 *     runs); install scripts are not needed by the consumer, as npm runs none for tarballs.
 *  2. Everything the user runs goes through the installed package only: the temporary project
 *     never imports from this repository.
 *  3. The tarball ships compiled JavaScript and declarations, and nothing a user does not need
 *     (tests, benches, the mutation-testing config, the corpus).
 *  4. For each kind of core (module, process, kernel C file), a broken copy's counterexample
 *     lands in the project's findings store, `shrink` and `show` run it on that same core, and
 *     `replay` with the fixed core passes (`roundTrip`).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
const VITEST_VERSION = "4.1.12";

let project = "";
let tarball = "";

const run = (cmd: string, args: readonly string[], cwd: string) => {
  const r = spawnSync(cmd, [...args], { cwd, encoding: "utf8", timeout: 240_000, env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, all: `${r.stdout}\n${r.stderr}` };
};

/** A user's core module: the library's own core behind the user's factory (rule 2). */
const GOOD_CORE = `import { createImplCore } from "ioasid-check";
export const createCore = (config) => createImplCore(config);
`;
/** The same core answering EBUSY where the design rules ENOENT (D4): a departure to be caught. */
const BROKEN_CORE = `import { createImplCore } from "ioasid-check";
export const createCore = (config) => {
  const inner = createImplCore(config);
  const ebusy = (r) => (!r.ok && r.errno === "ENOENT" ? { ok: false, errno: "EBUSY" } : r);
  return new Proxy(inner, {
    get: (target, key) => {
      const v = Reflect.get(target, key);
      if (typeof v !== "function") return v;
      if (key === "get" || key === "getLocked") return (...args) => ebusy(v.apply(target, args));
      return v.bind(target);
    },
  });
};
`;
const VITEST_FILE = `import { expect, it } from "vitest";
import { formatFailure, runCoreSuite } from "ioasid-check";
import { createCore } from "./my-core.mjs";

it("my core conforms to the IOASID spec", () => {
  const r = runCoreSuite({ makeCore: (config) => createCore(config), numRuns: 60, seed: 5 });
  expect(r.runs).toBe(60);
  expect(r.failure === null ? "" : formatFailure(r.failure, "consumer")).toBe("");
});
`;
const TYPED_FILE = `import { runCoreSuite, createImplCore } from "ioasid-check";
import type { IoasidCore, CoreSuiteReport } from "ioasid-check";
const core: IoasidCore = createImplCore({ capacity: 8 });
const report: CoreSuiteReport = runCoreSuite({ makeCore: () => core, numRuns: 1 });
export const runs: number = report.runs;
`;

const cliIn = (cwd: string, ...args: string[]) => run("npx", ["--no-install", "ioasid-check", ...args], cwd);

/** The findings of the project's store whose file name matches `name`. */
const findingsOf = (name: RegExp): readonly string[] => {
  const store = join(project, ".ioasid-check", "findings");
  return existsSync(store) ? readdirSync(store).filter((f) => name.test(f)).map((f) => join(".ioasid-check", "findings", f)) : [];
};

/** Rule 4: the finding named like `name` shrinks and shows on its own core, and passes on `fixed`. */
const roundTrip = (name: RegExp, who: string, fixed: readonly string[]) => {
  const [finding] = findingsOf(name);
  expect(finding, `no finding ${String(name)}`).toBeDefined();
  if (finding === undefined) return;
  const shrink = cliIn(project, "shrink", finding);
  expect(shrink.status, shrink.all).toBe(0);
  expect(shrink.stdout).toContain(`replays on ${who})`);
  const shrunk = finding.replace(/\.json$/, ".shrunk.json");
  const show = cliIn(project, "show", shrunk);
  expect(show.status, show.all).toBe(0);
  expect(show.stdout).toMatch(new RegExp(`on ${who.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: fails at step`));
  const replay = cliIn(project, "replay", finding, shrunk, ...fixed);
  expect(replay.status, replay.all).toBe(0);
  expect(replay.stdout).toMatch(/^ok .*expected pass, got pass$/m);
};

beforeAll(() => {
  expect(existsSync(join(ROOT, "dist/cli/main.js")), "dist/ is missing: run `npm run build` (npm test does)").toBe(true);
  project = mkdtempSync(join(tmpdir(), "ioasid-consumer-"));
  const packed = execFileSync(NPM, ["pack", "--ignore-scripts", "--json", "--pack-destination", project], { cwd: ROOT, encoding: "utf8" });
  const name = (JSON.parse(packed) as ReadonlyArray<{ filename: string }>)[0]?.filename ?? "";
  tarball = join(project, name);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }, null, 2));
  const install = run(NPM, ["install", "--no-audit", "--no-fund", "--prefer-offline", tarball, `vitest@${VITEST_VERSION}`], project);
  expect(install.status, install.all).toBe(0);
  writeFileSync(join(project, "my-core.mjs"), GOOD_CORE);
  writeFileSync(join(project, "broken-core.mjs"), BROKEN_CORE);
  writeFileSync(join(project, "my-core.test.mjs"), VITEST_FILE);
  writeFileSync(join(project, "typed.ts"), TYPED_FILE);
}, 300_000);

afterAll(() => {
  if (project !== "") rmSync(project, { recursive: true, force: true });
});

describe("the packed package, installed in a fresh project", () => {
  it("ships compiled JavaScript and declarations, and no tests, benches, Stryker config or corpus", () => {
    const listing = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).split("\n").filter((l) => l !== "");
    expect(listing).toContain("package/dist/cli/main.js");
    expect(listing).toContain("package/dist/index.d.ts");
    expect(listing).toContain("package/bin/ioasid-check.js");
    expect(listing).toContain("package/kit/kernel/include/linux/ioasid.h");
    expect(listing).toContain("package/kit/kernel/src/main.c");
    const unwanted = listing.filter((f) => /\.test\.|\/bench\/|stryker|counterexamples\/corpus|\.ts$/.test(f) && !f.endsWith(".d.ts"));
    expect(unwanted).toEqual([]);
  });

  it("runs `npx ioasid-check --help`", () => {
    const r = run("npx", ["--no-install", "ioasid-check", "--help"], project);
    expect(r.status, r.all).toBe(0);
    expect(r.stdout).toContain("Usage:");
    expect(r.stdout).toContain("ioasid-check validate");
  });

  it("validates a core module written in the project, and catches a broken one", () => {
    const good = run("npx", ["--no-install", "ioasid-check", "validate", "--impl", "my-core.mjs", "--suite", "core", "--runs", "60", "--seed", "3"], project);
    expect(good.status, good.all).toBe(0);
    const bad = run("npx", ["--no-install", "ioasid-check", "validate", "--impl", "broken-core.mjs", "--suite", "core", "--runs", "300", "--seed", "3"], project);
    expect(bad.status, bad.all).toBe(1);
    expect(bad.all).toContain("EBUSY");
    roundTrip(/^core-broken-core-\d+\.json$/, "broken-core.mjs", ["--impl", "my-core.mjs"]);
  });

  it("catches a broken copy of the Python example process, and its finding round-trips on that process", () => {
    const text = readFileSync(join(ROOT, "examples/python-core/ioasid_core.py"), "utf8");
    writeFileSync(join(project, "ioasid_core.py"), text);
    const broken = text.replace('        check(rec.state == ALLOCATED, "ENOENT")\n', "        pass\n");
    expect(broken).not.toBe(text);
    writeFileSync(join(project, "broken_core.py"), broken);
    const bad = run("npx", ["--no-install", "ioasid-check", "validate", "--exec", "python3 broken_core.py", "--suite", "core", "--runs", "300", "--seed", "4"], project);
    expect(bad.status, bad.all).toBe(1);
    roundTrip(/^core-broken_core-\d+\.json$/, "python3 broken_core.py", ["--exec", "python3 ioasid_core.py"]);
  });

  it("validates a kernel C file of the project with the shipped kit, and catches a broken copy", () => {
    const example = join(ROOT, "examples/kernel-c");
    const text = readFileSync(join(example, "ioasid.c"), "utf8");
    const hooks = readFileSync(join(example, "ioasid.kit.c"), "utf8");
    writeFileSync(join(project, "ioasid.c"), text);
    writeFileSync(join(project, "ioasid.kit.c"), hooks);
    writeFileSync(join(project, "broken.c"), text.replace("\treg->wrap.priority = nb->priority;", "\treg->wrap.priority = -nb->priority;"));
    writeFileSync(join(project, "broken.kit.c"), hooks);
    const good = run("npx", ["--no-install", "ioasid-check", "validate", "--kernel-c", "ioasid.c", "--runs", "40", "--seed", "3"], project);
    expect(good.status, good.all).toBe(0);
    const bad = run("npx", ["--no-install", "ioasid-check", "validate", "--kernel-c", "broken.c", "--suite", "core", "--runs", "400", "--seed", "5"], project);
    expect(bad.status, bad.all).toBe(1);
    expect(bad.all).toMatch(/core suite on broken\.c: COUNTEREXAMPLE/);
    roundTrip(/^core-broken-\d+\.json$/, "broken.c", ["--kernel-c", "ioasid.c"]);
  });

  it("runs runCoreSuite from the user's own vitest test file", () => {
    const r = run("npx", ["--no-install", "vitest", "run", "--root", project], project);
    expect(r.status, r.all).toBe(0);
    expect(r.all).toMatch(/1 passed/);
  });

  it("gives the user's TypeScript the library's types", () => {
    writeFileSync(join(project, "tsconfig.json"), JSON.stringify({
      compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, skipLibCheck: false, types: [] },
      files: ["typed.ts"],
    }));
    const tsc = join(ROOT, "node_modules/typescript/bin/tsc");
    const entry = existsSync(tsc) ? tsc : join(ROOT, "node_modules/.bin/tsc");
    const r = run(process.execPath, [entry, "-p", project], project);
    expect(r.status, r.all).toBe(0);
    expect(readdirSync(project)).not.toContain("typed.js");
  });
});
