/**
 * Readable decoding errors: the file, the field (as a path like `commands[3].op`) and what was
 * expected, instead of io-ts's raw report.
 */
import * as t from "io-ts";

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
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === "object" && v !== null) return "an object";
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

/** The `op` literals of a command codec (a union of `{ op: literal, ... }` codecs, maybe wrapped). */
export const opsOf = (codec: t.Mixed): readonly string[] => {
  if (codec instanceof t.UnionType || codec instanceof t.IntersectionType) {
    const parts: readonly t.Mixed[] = codec.types;
    return parts.flatMap(opsOf);
  }
  if (codec instanceof t.ReadonlyType || codec instanceof t.ExactType || codec instanceof t.RefinementType) return opsOf(codec.type);
  if (codec instanceof t.InterfaceType) {
    const props: Record<string, unknown> = codec.props;
    const op = props["op"];
    return op instanceof t.LiteralType && typeof op.value === "string" ? [op.value] : [];
  }
  return [];
};

const allowed = (xs: readonly string[]): string => xs.map((x) => JSON.stringify(x)).join(", ");

/**
 * The first `suite` or command `op` a trace names that does not exist, in one line naming the
 * field and the allowed values (before io-ts reports every union branch), or null.
 */
export const unknownNames = (raw: Readonly<Record<string, unknown>>, opsBySuite: Readonly<Record<string, readonly string[]>>): string | null => {
  const suites = Object.keys(opsBySuite);
  const suite = raw["suite"];
  if (typeof suite !== "string" || !Object.hasOwn(opsBySuite, suite)) return `field suite: expected one of ${allowed(suites)}, got ${show(suite)}`;
  const ops = opsBySuite[suite] ?? [];
  const commands = raw["commands"];
  if (!Array.isArray(commands)) return `field commands: expected an array of commands, got ${show(commands)}`;
  for (const [i, c] of commands.entries()) {
    if (typeof c !== "object" || c === null || Array.isArray(c)) return `field commands[${i}]: expected a command object, got ${show(c)}`;
    const op: unknown = Reflect.get(c, "op");
    if (typeof op !== "string" || !ops.includes(op)) return `field commands[${i}].op: expected one of ${allowed(ops)} (${suite} suite), got ${show(op)}`;
  }
  return null;
};
