/**
 * The gallery's scorecard: one table row per variant and seed, then the goals, each PASS or FAIL
 * with the value measured.
 *
 * Goals:
 *  1. Every variant is caught (in every seed run).
 *  2. The median time to the first failure is under GOAL_MEDIAN_MS (over the caught rows).
 *  3. Every shrunk trace (after shrinkTrace, else the suite's own) has at most GOAL_MAX_STEPS steps.
 */
import type { GalleryRow } from "./run-gallery.js";

export const GOAL_MEDIAN_MS = 500;
export const GOAL_MAX_STEPS = 8;

/** One goal's verdict. */
export interface GoalResult {
  readonly goal: string;
  readonly pass: boolean;
  readonly measured: string;
}

/** The final trace length of a row: after shrinkTrace, else the suite's own. */
export const finalSteps = (r: GalleryRow): number | null => r.shrunkSteps ?? r.suiteSteps;

/** Median of a non-empty list, else null. */
export const median = (xs: readonly number[]): number | null => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const hi = s[mid];
  if (hi === undefined) return null;
  const lo = s[mid - 1];
  return s.length % 2 === 1 || lo === undefined ? hi : (lo + hi) / 2;
};

const ms = (x: number | null): string => (x === null ? "-" : `${Math.round(x)}`);
const num = (x: number | null): string => (x === null ? "-" : `${x}`);

/** The three goals, judged on `rows`. */
export const judgeGoals = (rows: readonly GalleryRow[]): readonly GoalResult[] => {
  const missed = rows.filter((r) => !r.caught);
  const times = rows.flatMap((r) => (r.msToFailure === null ? [] : [r.msToFailure]));
  const med = median(times);
  const long = rows.filter((r) => r.caught && (finalSteps(r) ?? Infinity) > GOAL_MAX_STEPS);
  const longest = Math.max(0, ...rows.map((r) => finalSteps(r) ?? 0));
  return [
    {
      goal: "all caught",
      pass: rows.length > 0 && missed.length === 0,
      measured: `${rows.length - missed.length}/${rows.length} caught${missed.length === 0 ? "" : `; missed: ${missed.map((r) => `${r.name}@${r.seed}`).join(", ")}`}`,
    },
    {
      goal: `median time to first failure < ${GOAL_MEDIAN_MS} ms`,
      pass: med !== null && med < GOAL_MEDIAN_MS,
      measured: med === null ? "no failure measured" : `median ${ms(med)} ms over ${times.length} caught runs (max ${ms(Math.max(...times))} ms)`,
    },
    {
      goal: `every shrunk trace <= ${GOAL_MAX_STEPS} steps`,
      pass: rows.length > 0 && long.length === 0 && missed.length === 0,
      measured: `longest ${longest} steps${long.length === 0 ? "" : `; over the limit: ${long.map((r) => `${r.name}@${r.seed} (${num(finalSteps(r))})`).join(", ")}`}`,
    },
  ];
};

/** Pad each column to its widest cell; numbers right-aligned. */
const layout = (header: readonly string[], body: readonly (readonly string[])[], right: ReadonlySet<number>): string[] => {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (right.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)];
};

export const TABLE_HEADER: readonly string[] = ["suite", "variant", "seed", "caught", "runs", "ms to 1st failure", "total ms", "suite steps", "shrunk steps", "violation"];

/** The table of rows (rule: one line per variant and seed). */
export const formatTable = (rows: readonly GalleryRow[]): string => {
  const body = rows.map((r) => [
    r.suite, r.name, `${r.seed}`, r.caught ? "yes" : "NO", `${r.runs}`, ms(r.msToFailure), ms(r.totalMs),
    num(r.suiteSteps), r.shrinkError === null ? num(r.shrunkSteps) : "refused", r.kind ?? "-",
  ]);
  return layout(TABLE_HEADER, body, new Set([2, 4, 5, 6, 7, 8])).join("\n");
};

/** The goal lines, and an overall verdict line. */
export const formatGoals = (goals: readonly GoalResult[]): string => {
  const lines = goals.map((g) => `${g.pass ? "PASS" : "FAIL"}  ${g.goal}: ${g.measured}`);
  const passed = goals.filter((g) => g.pass).length;
  return [...lines, `goals: ${passed}/${goals.length} PASS`].join("\n");
};

/** The whole scorecard: the table, a blank line, the goals. */
export const formatScorecard = (rows: readonly GalleryRow[]): string => {
  const refused = rows.filter((r) => r.shrinkError !== null);
  const notes = refused.map((r) => `note: shrinkTrace refused ${r.name}@${r.seed}: ${r.shrinkError ?? ""}`);
  return [formatTable(rows), ...notes, "", formatGoals(judgeGoals(rows))].join("\n");
};
