/**
 * The gallery's scorecard: one table row per variant and seed, then (over several seeds) one
 * line per variant with its runs to the first failure, then the goals, each PASS or FAIL with
 * the value measured.
 *
 * Goals:
 *  1. Every variant is caught (in every seed run).
 *  2. The median time to the first failure is under GOAL_MEDIAN_MS (over the caught rows).
 *  3. Every shrunk trace (after shrinkTrace, else the suite's own) has at most GOAL_MAX_STEPS steps.
 *  4. Time to detect: for every variant, the 95th percentile over its seeds of the runs to the
 *     first failure is at most GOAL_P95_SHARE of its suite's default budget (a seed that did
 *     not catch it counts as beyond the budget).
 */
import type { GalleryRow } from "./run-gallery.js";
import { DEFAULT_CORE_RUNS } from "../properties/core/suite.js";
import { DEFAULT_SYSTEM_RUNS } from "../properties/system/suite.js";

export const GOAL_MEDIAN_MS = 500;
export const GOAL_MAX_STEPS = 8;
export const GOAL_P95_SHARE = 0.2;

/** The default budget (runs) of a row's suite. */
export const budgetOf = (suite: GalleryRow["suite"]): number => (suite === "core" ? DEFAULT_CORE_RUNS : DEFAULT_SYSTEM_RUNS);

/** The q-quantile (nearest rank) of a non-empty list, else null. */
export const quantile = (xs: readonly number[], q: number): number | null => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? null;
};

/** Goal 4 for one variant: its rows' runs to the first failure (Infinity when not caught). */
export interface Detection {
  readonly suite: GalleryRow["suite"];
  readonly name: string;
  readonly seeds: number;
  readonly caught: number;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
  readonly budget: number;
}

/** Goal 4, per variant, in the rows' order. */
export const detections = (rows: readonly GalleryRow[]): readonly Detection[] => {
  const groups = new Map<string, GalleryRow[]>();
  for (const r of rows) {
    const key = `${r.suite}/${r.name}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].flatMap((rs) => {
    const first = rs[0];
    if (first === undefined) return [];
    const runs = rs.map((r) => (r.caught ? r.runs : Infinity));
    return [{
      suite: first.suite, name: first.name, seeds: rs.length, caught: rs.filter((r) => r.caught).length,
      p50: quantile(runs, 0.5) ?? Infinity, p95: quantile(runs, 0.95) ?? Infinity, max: Math.max(...runs), budget: budgetOf(first.suite),
    }];
  });
};

const share = (runs: number, budget: number): string => (Number.isFinite(runs) ? `${runs} (${((100 * runs) / budget).toFixed(1)}%)` : "not caught");

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
  const slow = detections(rows).filter((d) => d.p95 > GOAL_P95_SHARE * d.budget);
  const worst = [...detections(rows)].sort((a, b) => b.p95 / b.budget - a.p95 / a.budget)[0];
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
    {
      goal: `runs to first failure at p95 <= ${100 * GOAL_P95_SHARE}% of the budget`,
      pass: rows.length > 0 && slow.length === 0,
      measured: worst === undefined ? "no variant" : `worst p95 ${share(worst.p95, worst.budget)} (${worst.name}, ${worst.seeds} seeds)${slow.length === 0 ? "" : `; over the limit: ${slow.map((d) => d.name).join(", ")}`}`,
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

export const DETECTION_HEADER: readonly string[] = ["suite", "variant", "seeds", "caught", "p50 runs (% budget)", "p95 runs (% budget)", "max runs"];

/** Goal 4's table: one line per variant. */
export const formatDetections = (rows: readonly GalleryRow[]): string =>
  layout(DETECTION_HEADER, detections(rows).map((d) => [
    d.suite, d.name, `${d.seeds}`, `${d.caught}/${d.seeds}`, share(d.p50, d.budget), share(d.p95, d.budget), Number.isFinite(d.max) ? `${d.max}` : "-",
  ]), new Set([2, 4, 5, 6])).join("\n");

/** The whole scorecard: the table, the per-variant detection table when a variant ran on several seeds, the goals. */
export const formatScorecard = (rows: readonly GalleryRow[]): string => {
  const refused = rows.filter((r) => r.shrinkError !== null);
  const notes = refused.map((r) => `note: shrinkTrace refused ${r.name}@${r.seed}: ${r.shrinkError ?? ""}`);
  const several = detections(rows).some((d) => d.seeds > 1);
  return [formatTable(rows), ...notes, "", ...(several ? [formatDetections(rows), ""] : []), formatGoals(judgeGoals(rows))].join("\n");
};
