/**
 * The short texts of the cells: a core call as its caller would write it, a result, a delivery,
 * a reference count, a DMA resolution.
 *
 * Rules:
 *  1. A call shows its arguments, leaving out defaults (the full ID range, no data, the "none"
 *     getter); a call made inside a handler or by deferred work leaves out the set, which is the
 *     delivered one by construction.
 *  2. A result reads `-> 3` for a number, ` ok` for nothing, ` ENOENT` for a refusal.
 *  3. A delivery reads `<- BIND 3 (gpasid 1)` in its receiver's cell; the SPID is called gpasid
 *     in system traces.
 */
import type { CoreCall, Token } from "../../api/commands.js";
import type { Delivery } from "../../api/notification.js";
import type { Reaction } from "../../api/reaction.js";
import type { CallResult } from "../../api/result.js";
import { MAX_IOASID, MIN_IOASID } from "../../api/constants.js";
import type { Resolution } from "../../hw-model/address-space.js";
import { addressSpaceName } from "../../hw-model/address-space.js";
import type { RefView } from "./types.js";

const hex = (n: number): string => (Number.isInteger(n) && n > 0xffff ? `0x${n.toString(16)}` : String(n));
const setArg = (s: number | null): string => (s === null ? "any set" : `set ${s}`);
const tokenArg = (t: Token): string => (t.type === "mm" ? `mm ${t.mm}` : `token ${t.value}`);
const scopeArg = (s: number | null): string => (s === null ? "global" : `set ${s}`);

const reactionArg = (r: Reaction): string => {
  if (r.on.length === 0 && r.now.length === 0 && r.later.length === 0) return "";
  const parts = [`on ${r.on.join("/") || "-"}`];
  if (r.now.length > 0) parts.push(`now ${r.now.join(" ")}`);
  if (r.later.length > 0) parts.push(`later ${r.later.join(" ")}`);
  return `, ${parts.join(", ")}`;
};

/** An ID argument, with its set unless inside a handler (rule 1). */
const idArgs = (set: number | null, id: number, inHandler: boolean): string => (inHandler ? hex(id) : `${setArg(set)}, ${hex(id)}`);

/** Rule 1 (a switch with no default: exhaustive by its return type). */
export function formatCall(c: CoreCall, inHandler: boolean): string {
  switch (c.op) {
    case "alloc_set":
      return `alloc_set(${tokenArg(c.token)}, quota ${c.quota})`;
    case "adjust_set":
      return `adjust_set(set ${c.set}, quota ${c.quota})`;
    case "set_get":
    case "set_get_locked":
    case "set_put":
    case "set_put_locked":
    case "for_each_ioasid":
      return `${c.op}(set ${c.set})`;
    case "alloc": {
      const range = c.min === MIN_IOASID && c.max === MAX_IOASID ? "" : `, ${hex(c.min)}..${hex(c.max)}`;
      return `alloc(set ${c.set}${range})`;
    }
    case "free":
    case "get":
    case "get_locked":
    case "put":
    case "put_locked":
    case "detach_spid":
      return `${c.op}(${idArgs(c.set, c.id, inHandler)})`;
    case "find":
      return `find(${idArgs(c.set, c.id, inHandler)}${c.getter === "none" ? "" : `, getter ${c.getter}`})`;
    case "attach_data":
      return `attach_data(${idArgs(c.set, c.id, inHandler)}, ${c.data === null ? "null" : `data ${c.data}`})`;
    case "attach_spid":
      return `attach_spid(${idArgs(c.set, c.id, inHandler)}, spid ${hex(c.spid)})`;
    case "find_by_spid":
      return `find_by_spid(${setArg(c.set)}, spid ${hex(c.spid)})`;
    case "register_notifier":
      return `register_notifier(${scopeArg(c.set)}, ${c.priority}${reactionArg(c.reaction)})`;
    case "unregister_notifier":
      return `unregister_notifier(${scopeArg(c.set)})`;
    case "register_notifier_mm":
      return `register_notifier_mm(mm ${c.mm}, ${c.priority}${reactionArg(c.reaction)})`;
    case "unregister_notifier_mm":
      return `unregister_notifier_mm(mm ${c.mm})`;
    case "notify":
      return `notify(${idArgs(c.set, c.id, inHandler)}, ${c.event})`;
    case "register_allocator":
      return `register_allocator(${c.name})`;
    case "unregister_allocator":
      return `unregister_allocator(${c.name})`;
  }
}

/** Rule 2. */
export const resultSuffix = (r: CallResult): string => {
  if (!r.ok) return ` ${r.errno ?? `no errno (${r.via})`}`;
  const v = r.value;
  if (v === null) return " ok";
  if (typeof v === "number") return ` -> ${hex(v)}`;
  if (typeof v === "string") return ` -> ${v}`;
  return ` -> [${v.map(hex).join(", ")}]`;
};

/** Rule 3: the event as a diagram message, without the arrow. */
export const deliveryMessage = (d: Delivery, spidWord: string): string =>
  `${d.event} ${hex(d.id)}${d.spid === null ? "" : ` (${spidWord} ${hex(d.spid)})`}`;

/** Rule 3: the receiver's cell. */
export const deliveryText = (d: Delivery, spidWord: string): string => `<- ${deliveryMessage(d, spidWord)}`;

/** The Ref cell: `2`, `1 (FREE_PENDING)`, `0` when the ID is not live. */
export const refText = (r: RefView | null): string => {
  if (r === null) return "";
  if (r.state === "FREE_PENDING") return `${r.refs} (FREE_PENDING)`;
  return String(r.refs);
};

/** Where a DMA went: `vm1/guest-mm1`, `vm1/guest-mm1 (via cache)`, `fault (reason)`. */
export const resolutionText = (r: Resolution): string =>
  r.kind === "translated"
    ? `${addressSpaceName(r.space)}${r.via === "cache" ? " (via cache)" : ""}`
    : `fault (${r.reason}${r.reported ? "" : ", unreported"})`;

/** A number as the cells write it (hex above 0xffff). */
export const numText = hex;
