/**
 * Issue 9 item 3 through the real binary: `merge` passes only the shards of one whole run, each
 * once; anything else exits 2 with one line naming what is missing, doubled or impossible.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const cli = (...args: string[]) => spawnSync(process.execPath, ["bin/ioasid-check.js", ...args], { encoding: "utf8", timeout: 60_000 });
const dir = mkdtempSync(join(tmpdir(), "ioasid-merge-"));
const store = mkdtempSync(join(tmpdir(), "ioasid-merge-store-"));
const shardFile = (n: number, k: number, runs = "24", seed = "5"): string => {
  const out = join(dir, `s${seed}-r${runs}-${k}of${n}.json`);
  const r = cli("run", "--suite", "core", "--runs", runs, "--seed", seed, "--shard", `${k}/${n}`, "--out", out, "--store", store);
  expect(r.status, r.stderr).toBe(0);
  return out;
};
type Json = Record<string, unknown>;
const edited = (file: string, edit: (j: Json) => Json): string => {
  const raw: unknown = JSON.parse(readFileSync(file, "utf8"));
  if (typeof raw !== "object" || raw === null) throw new Error("not a shard");
  const out = join(dir, `edited-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(out, JSON.stringify(edit({ ...raw })));
  return out;
};
const chunksOf = (j: Json): Json[] => (Array.isArray(j["chunks"]) ? j["chunks"].map((c: Json) => ({ ...c })) : []);

let s13: string, s23: string, s33: string, s12: string;
beforeAll(() => {
  [s13, s23, s33] = [1, 2, 3].map((k) => shardFile(3, k)) as [string, string, string];
  s12 = shardFile(2, 1);
}, 120_000);

describe("merge proves a whole run", () => {
  it("the three shards of a run merge (exit 0)", () => {
    expect(cli("merge", s13, s23, s33).status).toBe(0);
  });

  it.each<[string, () => string[], RegExp]>([
    ["the same shard twice", () => [s13, s13, s23, s33], /shard 1\/3 is given 2 times/],
    ["one shard of two", () => [s12], /shard 2\/2 is missing/],
    ["one shard out of three", () => [s13, s33], /shard 2\/3 is missing/],
    ["shards of different n", () => [s13, s12], /shards of different runs/],
    ["shards of different budgets", () => [s13, s23, shardFile(3, 3, "30")], /planned suites core, 30 runs, .*shards of different runs/],
    ["shards of different seeds", () => [s13, s23, shardFile(3, 3, "24", "6")], /seed 6, but .* has seed 5/],
    ["k > n", () => [edited(s13, (j) => ({ ...j, shard: { k: 4, n: 3 } }))], /shard 4\/3 is not a shard of a run/],
    ["n beyond the chunks", () => [edited(s13, (j) => ({ ...j, shard: { k: 1, n: 99 } }))], /shard 1\/99 is not a shard of a run/],
    ["negative runs", () => [edited(s12, (j) => ({ ...j, chunks: chunksOf(j).map((c) => ({ ...c, runs: -5 })) })), shardFile(2, 2)], /runs and commands must be whole numbers >= 0, got -5 runs/],
    ["absurd runs", () => [edited(s12, (j) => ({ ...j, chunks: chunksOf(j).map((c) => ({ ...c, runs: 1e12 })) })), shardFile(2, 2)], /1000000000000 runs, more than the 3 planned/],
    ["no chunks", () => [edited(s12, (j) => ({ ...j, chunks: [] })), shardFile(2, 2)], /chunk core #1 is missing/],
    ["a chunk of an unknown suite", () => [edited(s12, (j) => ({ ...j, chunks: chunksOf(j).map((c) => ({ ...c, suite: "nope" })) })), shardFile(2, 2)], /unknown suite "nope"/],
    ["a plan of an unknown suite", () => [edited(s12, (j) => ({ ...j, plan: { suites: ["nope"], runs: 24, timeMs: null } })), edited(shardFile(2, 2), (j) => ({ ...j, plan: { suites: ["nope"], runs: 24, timeMs: null } }))], /unknown suite "nope"/],
    ["a chunk moved to another shard", () => [edited(s12, (j) => ({ ...j, chunks: chunksOf(j).map((c) => ({ ...c, index: 1 })) })), shardFile(2, 2)], /chunk core #2 is not in shard 1\/2/],
    ["a shard without its plan (an older tool)", () => [edited(s12, (j) => ({ ...j, plan: undefined })), shardFile(2, 2)], /plan: expected/],
  ])("%s: exit 2, one line", (_name, files, message) => {
    const r = cli("merge", ...files());
    expect(r.stdout).not.toMatch(/passed/);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});
