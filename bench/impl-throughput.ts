/**
 * Throughput of the optimized core (impl/) at 1k, 64k and ~1M live IDs, each case beside a floor
 * measured in the same run: a bare `Map<number, number>` of the same size doing the nearest
 * equivalent work (set+delete for alloc+free, get for the lookups). The ratio impl/floor is time
 * per operation over time per floor operation: it says how far the core is from "one hash-map
 * operation", and whether that distance grows with the number of live IDs.
 *
 * Also: the time to fill the whole namespace (1,048,575 IDs) and free it again, against the same
 * at 64k IDs; a 1M/64k ratio near 16 means the cost per ID does not grow with the fill level.
 *
 * Method: process.hrtime.bigint(); warm-up rounds (which also size the rounds), then the median
 * of several rounds. No assertion on times anywhere: this module only measures.
 *
 * Caveat on the alloc+free floor: V8's Map never reuses a deleted slot; it compacts the whole
 * table when the slack after the live entries is used up, so set+delete of fresh keys costs
 * O(size / slack) per pair and grows with the size. The alloc+free case is therefore also shown
 * against a Map get, a size-stable floor.
 */
import { MAX_IOASID } from "../api/constants.js";
import type { IoasidCore } from "../api/core.js";
import type { CallResult } from "../api/result.js";
import { createImplCore } from "../impl/index.js";

/** One measured line. `impl` and `floor` are in `unit`; `ratio` is impl / floor. */
export interface BenchRow {
  readonly name: string;
  readonly size: number;
  readonly impl: number;
  readonly floor: number;
  readonly unit: "ns/op" | "ms";
  readonly ratio: number;
  readonly note: string;
}

/** Options of a run (defaults: the full figures). */
export interface BenchOptions {
  readonly sizes?: readonly number[];
  readonly opsPerRound?: number;
  readonly rounds?: number;
  readonly fill?: boolean;
}

/** Live-ID counts measured by default: 1k, 64k, and the whole namespace but one free ID. */
export const DEFAULT_SIZES: readonly number[] = [1024, 65536, MAX_IOASID - 1];

let sink = 0;

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

/** Round length: a round stops growing once it takes this long (bounds slow floors). */
const ROUND_NS = 50_000_000;

/**
 * Median ns per op of `body(k)` over `rounds` rounds. Warm-up: k doubles from 1024 until a round
 * takes ROUND_NS or k reaches `maxOps`; the rounds then run with that k.
 */
const measure = (maxOps: number, rounds: number, body: (ops: number) => void): number => {
  let ops = Math.min(1024, maxOps);
  for (;;) {
    const t0 = process.hrtime.bigint();
    body(ops);
    const took = Number(process.hrtime.bigint() - t0);
    if (took >= ROUND_NS || ops >= maxOps) break;
    ops = Math.min(maxOps, ops * 2);
  }
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    body(ops);
    times.push(Number(process.hrtime.bigint() - t0) / ops);
  }
  return median(times);
};

const must = (r: CallResult, what: string): number => {
  if (!r.ok || typeof r.value !== "number") throw new Error(`bench setup: ${what} failed`);
  return r.value;
};

/** Pseudo-random sample of the live IDs 1..n (precomputed, so the loop measures only the core). */
const sample = (n: number, len: number): Int32Array => {
  const out = new Int32Array(len);
  let s = 0x2545f491;
  for (let i = 0; i < len; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = 1 + ((s >>> 0) % n);
  }
  return out;
};

interface Fixture {
  readonly core: IoasidCore;
  readonly set: number;
  readonly map: Map<number, number>;
  readonly keys: Int32Array;
}

/** A core holding IDs 1..n in one set, each with SPID = ID, and the same-size Map floor. */
const fixture = (n: number): Fixture => {
  const core = createImplCore();
  const set = must(core.allocSet({ type: "null", value: 0 }, MAX_IOASID), "allocSet");
  const map = new Map<number, number>();
  for (let i = 1; i <= n; i++) {
    const id = must(core.alloc(set, 1, MAX_IOASID, null), "alloc");
    core.attachSpid(set, id, id);
    map.set(id, id);
  }
  return { core, set, map, keys: sample(n, 1 << 16) };
};

const rowOf = (name: string, size: number, impl: number, floor: number, note: string): BenchRow => ({
  name, size, impl, floor, unit: "ns/op", ratio: impl / floor, note,
});

const caseRows = (n: number, ops: number, rounds: number): BenchRow[] => {
  const { core, set, map, keys } = fixture(n);
  const mask = keys.length - 1;
  const key = (i: number): number => keys[i & mask] ?? 1;
  const rows: BenchRow[] = [];

  const allocFree = measure(ops, rounds, (k) => {
    for (let i = 0; i < k; i++) {
      const r = core.alloc(set, 1, MAX_IOASID, null);
      if (r.ok && typeof r.value === "number") core.free(set, r.value);
    }
  });
  const setDelete = measure(ops, rounds, (k) => {
    const base = n + 1;
    for (let i = 0; i < k; i++) {
      const kk = base + (i & 255);
      map.set(kk, i);
      map.delete(kk);
    }
  });
  const mapGet = measure(ops, rounds, (k) => {
    let acc = 0;
    for (let i = 0; i < k; i++) acc += map.get(key(i)) ?? 0;
    sink += acc;
  });
  rows.push(rowOf("alloc+free", n, allocFree, setDelete, "floor: Map set+delete"));
  rows.push(rowOf("alloc+free", n, allocFree, mapGet, "floor: Map get"));

  const getPut = measure(ops, rounds, (k) => {
    for (let i = 0; i < k; i++) {
      const id = key(i);
      core.get(set, id);
      core.put(set, id);
    }
  });
  rows.push(rowOf("get+put", n, getPut, mapGet, "floor: Map get"));

  const find = measure(ops, rounds, (k) => {
    let acc = 0;
    for (let i = 0; i < k; i++) if (core.find(set, key(i), "none").ok) acc++;
    sink += acc;
  });
  rows.push(rowOf("find", n, find, mapGet, "floor: Map get"));

  const bySpid = measure(ops, rounds, (k) => {
    for (let i = 0; i < k; i++) {
      const r = core.findBySpid(set, key(i));
      if (r.ok && typeof r.value === "number") core.put(set, r.value);
    }
  });
  rows.push(rowOf("findBySpid+put", n, bySpid, mapGet, "floor: Map get"));
  return rows;
};

/** ms to allocate n IDs into an empty core, then free them all (median of `rounds`). */
const fillFree = (n: number, rounds: number): number => {
  const times: number[] = [];
  for (let r = 0; r <= rounds; r++) {
    const core = createImplCore();
    const set = must(core.allocSet({ type: "null", value: 0 }, MAX_IOASID), "allocSet");
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) core.alloc(set, 1, MAX_IOASID, null);
    for (let id = 1; id <= n; id++) core.free(set, id);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r > 0) times.push(ms);
  }
  return median(times);
};

/** Run every measurement and return the rows (figures vary with the machine; nothing asserted). */
export const runImplBench = (options: BenchOptions = {}): BenchRow[] => {
  const sizes = options.sizes ?? DEFAULT_SIZES;
  const ops = options.opsPerRound ?? 1_000_000;
  const rounds = options.rounds ?? 5;
  const rows: BenchRow[] = [];
  for (const n of sizes) rows.push(...caseRows(n, ops, rounds));
  if (options.fill ?? true) {
    const small = fillFree(65536, rounds);
    const full = fillFree(MAX_IOASID, Math.max(1, Math.min(rounds, 3)));
    rows.push({
      name: "fill+free all IDs", size: MAX_IOASID, impl: full, floor: small, unit: "ms",
      ratio: full / small, note: "floor: same at 64k IDs (16 = linear)",
    });
  }
  if (sink === 0.5) rows.push(rowOf("unreachable", 0, 1, 1, ""));
  return rows;
};

/** The rows as a fixed-width text table. */
export const formatRows = (rows: readonly BenchRow[]): string => {
  const head = ["case", "live IDs", "impl", "floor", "unit", "impl/floor", "note"];
  const body = rows.map((r) => [
    r.name, String(r.size), r.impl.toFixed(1), r.floor.toFixed(1), r.unit, r.ratio.toFixed(2), r.note,
  ]);
  const all = [head, ...body];
  const widths = head.map((_, c) => Math.max(...all.map((line) => (line[c] ?? "").length)));
  return all.map((line) => line.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join("  ").trimEnd()).join("\n");
};
