/**
 * The failure class a shrinker must keep: what bug a failing replay shows, precisely enough that
 * a smaller trace of the same class shows the same bug, and loosely enough that it survives
 * renaming (IDs, handles, names) and the removal of unrelated steps.
 *
 * Rules:
 *  1. A core failure is classed by its kind, the command kind of the failing step (`at`), and
 *     the differing part (`part`):
 *     - "outcome": the first difference between the expected and the actual outcome — the
 *       result ("result: expected ENOENT, got ok", "result: value differs"), else the first
 *       differing event: missing or extra ("events: missing deliver FREE"), a delivery to the
 *       wrong place ("events: deliver FREE differs in notifier"), a handler or work call with
 *       another result ("events: handler put_locked: expected EINVAL, got ok"), or another event;
 *     - "state": the subject of the abstraction check and what differs ("ID: refs differs",
 *       "ID: missing in the core"), from the detail `<subject> <n>: spec has A, the core has B`;
 *     - "invariant": the names of the broken invariants;
 *     - "choice", "crash", "malformed", "error": the command kind alone.
 *  2. A system failure is classed by its property and its subject (no command kind): refcount
 *     "core counts more|fewer"; naming the place (numbers masked) and "not live" or "another
 *     owner's"; landing the address space kind and the cache it went through; vmcs "maps
 *     more|fewer|other"; leak the first thing left behind; agreement the first differing field;
 *     isolation nothing more; error the gist of the message.
 *  3. Where a detail cannot be read as expected, its gist stands in: the text up to the first
 *     ':', '(', '[' or '{', with every number masked as '#'.
 *  4. A passing replay has no class, and neither has one refused for its input (kind "input").
 *  5. `classText` is the class's one string form (stored in trace files); two classes are the
 *     same exactly when their texts are.
 */
import type { Outcome, TraceEvent } from "../../api/outcome.js";
import type { CallResult } from "../../api/result.js";
import type { ReplayResult } from "../replay.js";

/** The class of a failing replay (rules 1 and 2). */
export interface FailureClass {
  readonly kind: string;
  /** The command kind of the failing step (core), or null (system). */
  readonly at: string | null;
  readonly part: string;
}

/** Rule 3. */
export const gist = (text: string): string => {
  const cut = /[:([{]/.exec(text);
  return (cut === null ? text : text.slice(0, cut.index)).replace(/\d+/g, "#").replace(/\s+/g, " ").trim();
};

const resultText = (r: CallResult): string => (r.ok ? "ok" : r.errno ?? `no errno (${r.via})`);

const eventText = (e: TraceEvent): string => (e.kind === "deliver" ? `deliver ${e.delivery.event}` : `${e.context} ${e.call}`);

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Rule 1, outcome. */
export const outcomeDifference = (expected: Outcome, actual: Outcome): string => {
  const er = expected.result;
  const ar = actual.result;
  if (resultText(er) !== resultText(ar)) return `result: expected ${resultText(er)}, got ${resultText(ar)}`;
  if (er.ok && ar.ok && !sameValue(er.value, ar.value)) return "result: value differs";
  const n = Math.max(expected.events.length, actual.events.length);
  for (let i = 0; i < n; i++) {
    const e = expected.events[i];
    const a = actual.events[i];
    if (e !== undefined && a !== undefined && sameValue(e, a)) continue;
    if (e === undefined) return a === undefined ? "events differ" : `events: extra ${eventText(a)}`;
    if (a === undefined) return `events: missing ${eventText(e)}`;
    if (e.kind === "deliver" && a.kind === "deliver" && e.delivery.event === a.delivery.event) {
      const fields = (["notifier", "id", "spid", "set"] as const).filter((k) => e.delivery[k] !== a.delivery[k]);
      return `events: ${eventText(e)} differs in ${fields.join(", ")}`;
    }
    if (e.kind === "call" && a.kind === "call" && e.context === a.context && e.call === a.call) {
      if (resultText(e.result) !== resultText(a.result)) return `events: ${eventText(e)}: expected ${resultText(e.result)}, got ${resultText(a.result)}`;
      return `events: ${eventText(e)} differs`;
    }
    return `events: expected ${eventText(e)}, got ${eventText(a)}`;
  }
  return "outcomes differ";
};

const parseJson = (text: string): { readonly ok: true; readonly value: unknown } | { readonly ok: false } => {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
};

/** Rule 1, state: `<subject> <n>: spec has A, the core has B`. */
export const stateDifference = (detail: string): string => {
  const m = /^(\w+) \S+: spec has (.*), the core has (.*)$/s.exec(detail);
  const want = m === null ? null : parseJson(m[2] ?? "");
  const got = m === null ? null : parseJson(m[3] ?? "");
  if (m === null || want === null || got === null || !want.ok || !got.ok) return gist(detail);
  const subject = m[1] ?? "";
  const w = want.value;
  const g = got.value;
  if (w === null || g === null) return `${subject}: ${w === null ? "unexpected" : "missing"} in the core`;
  if (typeof w !== "object" || typeof g !== "object") return `${subject}: differs`;
  const keys = [...new Set([...Object.keys(w), ...Object.keys(g)])].sort();
  const differing = keys.filter((k) => !sameValue(Reflect.get(w, k), Reflect.get(g, k)));
  return `${subject}: ${differing.join(", ")} ${differing.length === 1 ? "differs" : "differ"}`;
};

/** Rule 2, one property. */
export const systemSubject = (property: string, detail: string): string => {
  const body = detail.startsWith(`${property}: `) ? detail.slice(property.length + 2) : detail;
  switch (property) {
    case "refcount": {
      const m = /the core counts (\d+), the actors hold (\d+)/.exec(body);
      return m === null ? gist(body) : Number(m[1]) > Number(m[2]) ? "core counts more" : "core counts fewer";
    }
    case "naming": {
      const at = body.indexOf(" names PASID");
      const where = at < 0 ? body : body.slice(0, at);
      return `${gist(where)} names ${body.includes("which is not live") ? "a PASID that is not live" : "another owner's PASID"}`;
    }
    case "landing": {
      const m = /landed in (\S+) \(via ([^)]+)\)/.exec(body);
      return m === null ? gist(body) : `lands in ${(m[1] ?? "").replace(/\d+/g, "#")} via ${m[2] ?? ""}`;
    }
    case "vmcs": {
      const m = /maps (\[.*\]), the bound GPASIDs are (\[.*\])$/.exec(body);
      const have = m === null ? null : parseJson(m[1] ?? "");
      const want = m === null ? null : parseJson(m[2] ?? "");
      if (have === null || want === null || !have.ok || !want.ok || !Array.isArray(have.value) || !Array.isArray(want.value)) return gist(body);
      return have.value.length > want.value.length ? "maps more" : have.value.length < want.value.length ? "maps fewer" : "maps other";
    }
    case "leak": return gist(body.split("; ")[0] ?? body);
    case "agreement": {
      const m = /on the spec (.*), on the core under test (.*)$/s.exec(body);
      const a = m === null ? null : parseJson(m[1] ?? "");
      const b = m === null ? null : parseJson(m[2] ?? "");
      if (a === null || b === null || !a.ok || !b.ok || typeof a.value !== "object" || a.value === null || typeof b.value !== "object" || b.value === null) return gist(body);
      const x = a.value;
      const y = b.value;
      const keys = [...new Set([...Object.keys(x), ...Object.keys(y)])].sort();
      return `field ${keys.find((k) => !sameValue(Reflect.get(x, k), Reflect.get(y, k))) ?? "?"} differs`;
    }
    case "isolation": return "";
    default: return gist(body);
  }
};

const CORE_KINDS = new Set(["outcome", "state", "invariant", "choice", "crash", "malformed"]);

/** Rules 1, 2 and 4: the class of a replay, or null when it has none. */
export const failureClassOf = (r: ReplayResult): FailureClass | null => {
  if (r.status !== "fail" || r.kind === "input") return null;
  const at = r.op ?? null;
  if (!CORE_KINDS.has(r.kind) && (r.suite === "system" || at === null)) return { kind: r.kind, at: null, part: systemSubject(r.kind, r.detail) };
  switch (r.kind) {
    case "outcome": return { kind: r.kind, at, part: r.expected !== undefined && r.actual !== undefined ? outcomeDifference(r.expected, r.actual) : gist(r.detail) };
    case "state": return { kind: r.kind, at, part: stateDifference(r.detail) };
    case "invariant": return { kind: r.kind, at, part: r.detail.replace(/^spec invariants broken: /, "").split(", ").sort().join(", ") };
    default: return { kind: r.kind, at, part: "" };
  }
};

/** Rule 5. */
export const classText = (c: FailureClass): string =>
  `${c.kind}${c.at === null ? "" : ` at ${c.at}`}${c.part === "" ? "" : `: ${c.part}`}`;

/** Are two classes the same (rule 5)? */
export const sameClass = (a: FailureClass, b: FailureClass): boolean => classText(a) === classText(b);

/** Does a replay keep the class? */
export const keepsClass = (cls: FailureClass, r: ReplayResult): boolean => {
  const c = failureClassOf(r);
  return c !== null && sameClass(c, cls);
};

/** Why a replay has no class (rule 4), for refusals. */
export const whyNoClass = (r: ReplayResult, steps: number): string =>
  r.status === "pass"
    ? `the trace does not fail: its replay passes all ${steps} steps and the end-of-run checks, so there is no failure to keep`
    : `the trace cannot be replayed: ${r.detail}`;
