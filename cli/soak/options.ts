/**
 * `npm run soak` options: `--minutes N` (default 10), `--workers N` (default 1), `--seed N`
 * (the first round's seed; later rounds draw fresh ones), `--runs N` (runs per suite and round;
 * default: each suite's own budget, as the main job). A bad option is a SoakUsageError.
 */
import { parseArgs } from "node:util";

/** What the soak runs. */
export interface SoakOptions {
  readonly minutes: number;
  readonly workers: number;
  readonly seed?: number;
  readonly runs?: number;
}

/** A bad soak option: the message says what is wrong. */
export class SoakUsageError extends Error {
  override readonly name = "SoakUsageError";
}

/** The default time budget in minutes. */
export const DEFAULT_SOAK_MINUTES = 10;

const positive = (name: string, text: string | undefined, integer: boolean): number | undefined => {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!(integer ? /^\d+$/ : /^\d+(\.\d+)?$/).test(text) || !(n > 0)) throw new SoakUsageError(`--${name} expects a ${integer ? "whole " : ""}number > 0, got "${text}"`);
  return n;
};

/** Parse the soak's argv. */
export const parseSoakOptions = (argv: readonly string[]): SoakOptions => {
  let values;
  try {
    ({ values } = parseArgs({ args: [...argv], options: { minutes: { type: "string" }, workers: { type: "string" }, seed: { type: "string" }, runs: { type: "string" } } }));
  } catch (e) {
    throw new SoakUsageError(e instanceof Error ? e.message : String(e));
  }
  const seedText = values.seed;
  if (seedText !== undefined && !/^-?\d+$/.test(seedText)) throw new SoakUsageError(`--seed expects an integer, got "${seedText}"`);
  const seed = seedText === undefined ? undefined : Number(seedText) | 0;
  const runs = positive("runs", values.runs, true);
  return {
    minutes: positive("minutes", values.minutes, false) ?? DEFAULT_SOAK_MINUTES,
    workers: positive("workers", values.workers, true) ?? 1,
    ...(seed === undefined ? {} : { seed }), ...(runs === undefined ? {} : { runs }),
  };
};
