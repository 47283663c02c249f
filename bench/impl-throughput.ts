/**
 * Throughput of the optimized core (impl/) at 1k, 64k and ~1M live IDs, each case beside a floor
 * measured in the same run: a bare `Map<number, number>` of the same size doing the nearest
 * equivalent work. The ratio impl/floor is time per case over time per floor case: it says how
 * far the core is from plain hash-map operations, and whether that distance grows with the
 * number of live IDs.
 *
 * Fairness: a case and its floor do the same number of operations. get+put and findBySpid+put
 * are two core calls, so their floor is two Map operations on one key (get, then set); find is
 * one call against one Map get; alloc+free is two calls against Map set+delete (two operations)
 * and, because that floor is unstable (see below), also against one Map get. The `floor is`
 * column says which floor a row uses and how many operations it counts.
 *
 * Also: the time to fill the whole namespace (1,048,575 IDs) and free it again, against the same
 * at 64k IDs; a 1M/64k ratio near 16 means the cost per ID does not grow with the fill level.
 *
 * Method: process.hrtime.bigint(); warm-up rounds (which also size the rounds), then rounds in
 * which every case and floor of a size runs once, in turn, so that they share the machine's
 * conditions (other load, cache and TLB state); the figure is the median over the rounds. No
 * assertion on times anywhere: this module only measures.
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

/**
 * One measured line. `impl` is the time of one case (a pair such as get+put counts once), `floor`
 * the time of one floor case, both in `unit`; `ratio` is impl / floor; `note` names the floor.
 */
export interface BenchRow {
  readonly name: string;
  readonly size: number;
  readonly impl: number;
  readonly floor: number;
  readonly unit: "ns" | "ms";
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

/** Ops per round of one body: k doubles from 1024 until a round takes ROUND_NS or k reaches `maxOps`. */
const roundOps = (maxOps: number, body: (ops: number) => void): number => {
  let ops = Math.min(1024, maxOps);
  for (;;) {
    const t0 = process.hrtime.bigint();
    body(ops);
    const took = Number(process.hrtime.bigint() - t0);
    if (took >= ROUND_NS || ops >= maxOps) return ops;
    ops = Math.min(maxOps, ops * 2);
  }
};

/**
 * Median ns per op of each body over `rounds` rounds. Each body is warmed up and sized first
 * (`roundOps`); then every round runs all bodies once, in turn.
 */
const measureAll = (maxOps: number, rounds: number, bodies: readonly ((ops: number) => void)[]): number[] => {
  const ops = bodies.map((body) => roundOps(maxOps, body));
  const times = bodies.map((): number[] => []);
  for (let r = 0; r < rounds; r++) {
    bodies.forEach((body, b) => {
      const k = ops[b] ?? 1;
      const t0 = process.hrtime.bigint();
      body(k);
      times[b]?.push(Number(process.hrtime.bigint() - t0) / k);
    });
  }
  return times.map(median);
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
  name, size, impl, floor, unit: "ns", ratio: impl / floor, note,
});

/** What each row's floor is, as printed in the `floor is` column. */
const FLOOR_SET_DELETE = "Map set+delete, fresh key (2 ops; unstable, see note)";
const FLOOR_GET = "Map get (1 op)";
const FLOOR_GET_SET = "Map get + Map set, same key (2 ops)";

const caseRows = (n: number, ops: number, rounds: number): BenchRow[] => {
  const { core, set, map, keys } = fixture(n);
  const mask = keys.length - 1;
  const key = (i: number): number => keys[i & mask] ?? 1;

  const allocFree = (k: number): void => {
    for (let i = 0; i < k; i++) {
      const r = core.alloc(set, 1, MAX_IOASID, null);
      if (r.ok && typeof r.value === "number") core.free(set, r.value);
    }
  };
  const setDelete = (k: number): void => {
    const base = n + 1;
    for (let i = 0; i < k; i++) {
      const kk = base + (i & 255);
      map.set(kk, i);
      map.delete(kk);
    }
  };
  const mapGet = (k: number): void => {
    let acc = 0;
    for (let i = 0; i < k; i++) acc += map.get(key(i)) ?? 0;
    sink += acc;
  };
  const mapGetSet = (k: number): void => {
    for (let i = 0; i < k; i++) {
      const kk = key(i);
      map.set(kk, (map.get(kk) ?? 0) + 1);
    }
  };
  const getPut = (k: number): void => {
    for (let i = 0; i < k; i++) {
      const id = key(i);
      core.get(set, id);
      core.put(set, id);
    }
  };
  const find = (k: number): void => {
    let acc = 0;
    for (let i = 0; i < k; i++) if (core.find(set, key(i), "none").ok) acc++;
    sink += acc;
  };
  const bySpid = (k: number): void => {
    for (let i = 0; i < k; i++) {
      const r = core.findBySpid(set, key(i));
      if (r.ok && typeof r.value === "number") core.put(set, r.value);
    }
  };

  const [tAllocFree, tSetDelete, tGet, tGetSet, tGetPut, tFind, tBySpid] = measureAll(ops, rounds, [
    allocFree, setDelete, mapGet, mapGetSet, getPut, find, bySpid,
  ]);
  const t = (x: number | undefined): number => x ?? Number.NaN;
  return [
    rowOf("alloc+free", n, t(tAllocFree), t(tSetDelete), FLOOR_SET_DELETE),
    rowOf("alloc+free", n, t(tAllocFree), t(tGet), FLOOR_GET),
    rowOf("get+put", n, t(tGetPut), t(tGetSet), FLOOR_GET_SET),
    rowOf("find", n, t(tFind), t(tGet), FLOOR_GET),
    rowOf("findBySpid+put", n, t(tBySpid), t(tGetSet), FLOOR_GET_SET),
  ];
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
      ratio: full / small, note: "the same at 64k IDs (16 = linear)",
    });
  }
  if (sink === 0.5) rows.push(rowOf("unreachable", 0, 1, 1, ""));
  return rows;
};

/** The lines printed under the table. */
export const NOTES: readonly string[] = [
  "impl and floor: median time of one case (a pair such as get+put counts once) and of one floor case; rounds interleave all cases of a size.",
  "note: the Map set+delete floor is unstable: V8's Map never reuses a deleted slot (it leaves a tombstone) and compacts the whole table once the slack is used up, so set+delete of fresh keys costs O(size / slack) per pair; hence also the size-stable Map get floor.",
];

/** The rows as a fixed-width text table, then the notes. */
export const formatRows = (rows: readonly BenchRow[]): string => {
  const head = ["case", "live IDs", "impl", "floor", "unit", "impl/floor", "floor is"];
  const body = rows.map((r) => [
    r.name, String(r.size), r.impl.toFixed(1), r.floor.toFixed(1), r.unit, r.ratio.toFixed(2), r.note,
  ]);
  const all = [head, ...body];
  const widths = head.map((_, c) => Math.max(...all.map((line) => (line[c] ?? "").length)));
  const table = all.map((line) => line.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join("  ").trimEnd());
  return [...table, ...NOTES].join("\n");
};
