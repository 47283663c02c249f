/**
 * Escaping text for HTML and SVG, and printing numbers compactly.
 *
 * Rules:
 *  1. `esc` makes any string safe as element text and as a double- or single-quoted attribute
 *     value: & < > " ' become entities. Nothing a trace, a module path or a notifier name holds
 *     can open a tag or end an attribute.
 *  2. `num` prints a coordinate with at most one decimal.
 */

const ENTITIES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Rule 1. */
export const esc = (s: string): string => (/[&<>"']/.test(s) ? s.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c) : s);

/** Rule 2. */
export const num = (n: number): string => String(Math.round(n * 10) / 10);

/** A count as people read it: 1234567 -> "1,234,567". */
export const count = (n: number): string => n.toLocaleString("en-US");

/** A duration: "850 ms", "12.3 s". */
export const duration = (ms: number): string => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);
