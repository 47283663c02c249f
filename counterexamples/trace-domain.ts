/**
 * The domain of a decoded trace: values the codecs accept as numbers but no run can have made.
 * Called by the trace reader (store.ts) after decoding; the first value outside its domain is
 * named in one line (`field commands[3].id: expected ..., got ...`).
 *
 * Rules:
 *  1. capacity (core traces; system traces that record one): an integer from 1 to 2^20.
 *  2. IDs, SPIDs, set handles, mms, ranges, VMs, WQs, GPASIDs, SSIDs, processes, token values and
 *     recorded values: integers from 0 to 2^32-1 (32-bit, as the kernel's ioasid_t; the
 *     boundary values the suites send on purpose, INVALID_IOASID included, stay inside).
 *  3. quota: a finite number from -2^32 to 2^32 (hostile quotas, negative or fractional, are
 *     arguments the core must refuse, so they stay readable).
 *  4. seed: null or an integer from -2^31 to 2^32-1; values: at most one per command;
 *     violation.step: from -1 to the number of commands (the teardown step).
 */
import type { Trace } from "./trace.js";

const U32_MAX = 2 ** 32 - 1;
const CAPACITY_MAX = 2 ** 20;

type Check = (v: number) => string | null;

const integerIn = (lo: number, hi: number, what: string): Check => (v) =>
  Number.isInteger(v) && v >= lo && v <= hi ? null : `expected ${what} (an integer from ${lo} to ${hi})`;

const u32 = integerIn(0, U32_MAX, "a 32-bit value");
const quota: Check = (v) => (Number.isFinite(v) && Math.abs(v) <= 2 ** 32 ? null : `expected a quota (a finite number from ${-(2 ** 32)} to ${2 ** 32})`);

/** Rule 2 and 3: the check of a numeric command field by its name. */
const fieldCheck = (name: string): Check => (name === "quota" ? quota : u32);

const show = (v: unknown): string => {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 40 ? `${s.slice(0, 37)}...` : s;
};

/** The numeric leaves of a command, as `[path, value]` (token.value, token.mm, ...). */
const numericLeaves = (v: unknown, path: string): ReadonlyArray<readonly [string, string, number]> => {
  if (typeof v === "number") return [[path, path.slice(path.lastIndexOf(".") + 1), v]];
  if (typeof v !== "object" || v === null) return [];
  return Object.entries(v).flatMap(([k, x]) => numericLeaves(x, `${path}.${k}`));
};

/** The first value of `t` outside its domain, as one line, or null. */
export const checkTraceDomain = (t: Trace): string | null => {
  const problems: string[] = [];
  const at = (field: string, v: number, check: Check) => {
    const p = check(v);
    if (p !== null) problems.push(`field ${field}: ${p}, got ${show(v)}`);
  };
  const capacity: number | undefined = t.capacity; // optional on system traces
  if (capacity !== undefined) at("capacity", capacity, integerIn(1, CAPACITY_MAX, "a capacity"));
  if (t.seed !== null) at("seed", t.seed, integerIn(-(2 ** 31), U32_MAX, "a 32-bit seed"));
  if (t.values.length > t.commands.length) problems.push(`field values: expected at most one value per command (${t.commands.length}), got ${t.values.length}`);
  t.values.forEach((v, i) => {
    if (v !== null) at(`values[${i}]`, v, u32);
  });
  if (t.violation !== null) at("violation.step", t.violation.step, integerIn(-1, t.commands.length, "a step of the trace"));
  t.commands.forEach((c, i) => {
    for (const [path, name, v] of numericLeaves(c, `commands[${i}]`)) at(path, v, fieldCheck(name));
  });
  return problems[0] ?? null;
};
