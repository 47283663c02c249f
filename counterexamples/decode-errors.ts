/**
 * Readable decoding errors: the file, the field (as a path like `commands[3].op`) and what was
 * expected, instead of io-ts's raw report.
 */
import type * as t from "io-ts";

/** `commands[3].op`: object keys and array indices; union branch indices are left out. */
const fieldPath = (e: t.ValidationError): string => {
  let path = "";
  for (let i = 1; i < e.context.length; i++) {
    const entry = e.context[i];
    const parent = e.context[i - 1]?.type;
    if (entry === undefined || entry.key === "" || (parent !== undefined && "_tag" in parent && parent._tag === "UnionType")) continue;
    path += /^\d+$/.test(entry.key) ? `[${entry.key}]` : path === "" ? entry.key : `.${entry.key}`;
  }
  return path === "" ? "(the whole file)" : path;
};

const show = (v: unknown): string => {
  if (v === undefined) return "nothing (the field is missing)";
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
};

/** One line per distinct problem: `field: expected <type>, got <value>`. */
export const describeErrors = (errors: t.Errors): readonly string[] => {
  const lines = new Set<string>();
  for (const e of errors) {
    const expected = e.context[e.context.length - 1]?.type.name ?? "a valid value";
    lines.add(`${fieldPath(e)}: expected ${expected}, got ${show(e.value)}`);
  }
  return [...lines].slice(0, 8);
};
