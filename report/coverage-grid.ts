/**
 * Coverage as grids for the heat map: reached cases and the gate, grouped and laid out as rows
 * and columns.
 *
 * Rules:
 *  1. A case key names its group by its shape: "event:X" is an event delivered; "handler:C:O"
 *     and "work:C:O" are call C answering O inside a handler or in deferred work; any other
 *     "K:O" is command kind K with outcome O (core commands, system commands alike).
 *  2. Rows and columns are every value that a reached case or a gate case names, so an unreached
 *     gate case still has its cell. Columns: "ok" first, then the errnos in their declared
 *     order, then any other outcome alphabetically. Rows: the gate's order, then others
 *     alphabetically. The events grid has one row, "delivered", with the events in order.
 *  3. A cell has its count, whether it is a gate case, and whether it is a gate case not reached.
 *  4. `heat` buckets a count on a log scale: 0 for none, then 1..5.
 */
import { ALL_ERRNOS } from "../api/errno.js";
import { ALL_EVENTS } from "../api/notification.js";

/** One cell (rule 3). */
export interface GridCell {
  readonly key: string;
  readonly count: number;
  readonly gate: boolean;
  readonly missing: boolean;
}

/** One grid of the heat map. */
export interface CoverageGrid {
  readonly title: string;
  readonly rows: readonly string[];
  readonly columns: readonly string[];
  /** cells[row][column]. */
  readonly cells: readonly (readonly GridCell[])[];
}

type Group = "commands" | "events" | "handler" | "work";

const GROUP_TITLES: Readonly<Record<Group, string>> = {
  commands: "command kind x outcome", events: "events delivered", handler: "calls in handlers x outcome", work: "calls in deferred work x outcome",
};

/** Rule 1: the group, row and column of a key, or null for a key of no known shape. */
export const placeKey = (key: string): { readonly group: Group; readonly row: string; readonly column: string } | null => {
  const parts = key.split(":");
  const [a, b, c] = parts;
  if (a === "event" && b !== undefined && parts.length === 2) return { group: "events", row: "delivered", column: b };
  if ((a === "handler" || a === "work") && b !== undefined && c !== undefined && parts.length === 3) return { group: a, row: b, column: c };
  const cut = key.indexOf(":");
  if (cut <= 0 || cut === key.length - 1) return null;
  return { group: "commands", row: key.slice(0, cut), column: key.slice(cut + 1) };
};

const OUTCOME_ORDER: readonly string[] = ["ok", ...ALL_ERRNOS];
const EVENT_ORDER: readonly string[] = ALL_EVENTS;

const orderBy = (known: readonly string[]) => (a: string, b: string): number => {
  const i = known.indexOf(a);
  const j = known.indexOf(b);
  if (i >= 0 && j >= 0) return i - j;
  if (i >= 0) return -1;
  if (j >= 0) return 1;
  return a.localeCompare(b);
};

/** Rule 4. */
export const heat = (n: number): number => (n <= 0 ? 0 : Math.min(5, 1 + Math.floor(Math.log10(n))));

/** Rules 1 to 3. */
export const coverageGrids = (reached: ReadonlyArray<readonly [string, number]>, gate: readonly string[]): readonly CoverageGrid[] => {
  const counts = new Map<string, number>();
  for (const [k, n] of reached) counts.set(k, (counts.get(k) ?? 0) + n);
  const gateSet = new Set(gate);
  const keys = [...gate, ...[...counts.keys()].filter((k) => !gateSet.has(k)).sort()];
  const groups = new Map<Group, { rows: string[]; columns: Set<string>; keys: Map<string, string> }>();
  for (const key of keys) {
    const p = placeKey(key);
    if (p === null) continue;
    const g = groups.get(p.group) ?? { rows: [], columns: new Set<string>(), keys: new Map<string, string>() };
    groups.set(p.group, g);
    if (!g.rows.includes(p.row)) g.rows.push(p.row);
    g.columns.add(p.column);
    g.keys.set(`${p.row}\u0000${p.column}`, key);
  }
  const order: readonly Group[] = ["commands", "events", "handler", "work"];
  return order.flatMap((name) => {
    const g = groups.get(name);
    if (g === undefined) return [];
    const inGate = (row: string) => gate.some((k) => placeKey(k)?.group === name && placeKey(k)?.row === row);
    const rows = [...g.rows.filter(inGate), ...g.rows.filter((r) => !inGate(r)).sort()];
    const columns = [...g.columns].sort(orderBy(name === "events" ? EVENT_ORDER : OUTCOME_ORDER));
    const cells = rows.map((row) => columns.map((column): GridCell => {
      const key = g.keys.get(`${row}\u0000${column}`) ?? (name === "events" ? `event:${column}` : name === "commands" ? `${row}:${column}` : `${name}:${row}:${column}`);
      const n = counts.get(key) ?? 0;
      const isGate = gateSet.has(key);
      return { key, count: n, gate: isGate, missing: isGate && n === 0 };
    }));
    return [{ title: GROUP_TITLES[name], rows, columns, cells }];
  });
};
