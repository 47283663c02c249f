/**
 * Argument validation: pure predicates and readers that never throw, whatever they are given
 * (wrong types, NaN, getters that throw, proxies). The core calls them before it changes
 * anything, so a refused call leaves the state untouched.
 *
 * Rules (D1, D17, D18, D22, D26):
 *  1. An ID or SPID is an integer in 1..0xFFFFF; anything else is invalid.
 *  2. A quota is an integer >= 1. A NULL token's value is an integer >= 0; an mm is an integer
 *     >= 1.
 *  3. A notifier name and an allocator name are non-empty strings; a priority is one of the four
 *     ranks; a handler, an allocator's alloc and free are functions.
 *  4. Private data is a string or null; a getter is none, accept or reject.
 */
import { match } from "ts-pattern";
import type { AllocatorOps, Handler } from "../api/core.js";
import { MAX_IOASID, MIN_IOASID } from "../api/constants.js";
import { PRIORITY_RANK } from "../api/notification.js";
import type { AllocFn, FreeFn } from "./allocators.js";
import type { TokenKind } from "./sets.js";

export const isId = (x: unknown): x is number =>
  typeof x === "number" && Number.isInteger(x) && x >= MIN_IOASID && x <= MAX_IOASID;

export const isQuota = (x: unknown): x is number => typeof x === "number" && Number.isInteger(x) && x >= 1;

export const isMm = (x: unknown): x is number => typeof x === "number" && Number.isInteger(x) && x >= 1;

export const isName = (x: unknown): x is string => typeof x === "string" && x.length > 0;

export const isData = (x: unknown): x is string | null => x === null || typeof x === "string";

export const isGetter = (x: unknown): x is "none" | "accept" | "reject" =>
  x === "none" || x === "accept" || x === "reject";

/** The rank of a priority name, or -1 when it is not one. */
export const rankOf = (x: unknown): number =>
  x === "CPU" ? PRIORITY_RANK.CPU
  : x === "DEVICE" ? PRIORITY_RANK.DEVICE
  : x === "IOMMU" ? PRIORITY_RANK.IOMMU
  : x === "LAST" ? PRIORITY_RANK.LAST
  : -1;

/** A validated token. */
export interface TokenArg {
  readonly kind: TokenKind;
  readonly value: number;
}

/** Read a token, or null when it is malformed. */
export const readToken = (x: unknown): TokenArg | null => {
  try {
    if (typeof x !== "object" || x === null || !("type" in x)) return null;
    const type: unknown = x.type;
    if (type !== "null" && type !== "mm") return null;
    return match(type)
      .with("null", (): TokenArg | null => {
        const v: unknown = "value" in x ? x.value : undefined;
        return typeof v === "number" && Number.isInteger(v) && v >= 0 ? { kind: "null", value: v } : null;
      })
      .with("mm", (): TokenArg | null => {
        const v: unknown = "mm" in x ? x.mm : undefined;
        return isMm(v) ? { kind: "mm", value: v } : null;
      })
      .exhaustive();
  } catch {
    return null;
  }
};

/** A validated notifier block, its fields read once. */
export interface NotifierArg {
  readonly name: string;
  readonly rank: number;
  readonly handler: Handler;
}

/** Read a notifier block, or null when it is malformed. */
export const readNotifier = (x: unknown): NotifierArg | null => {
  try {
    if (typeof x !== "object" || x === null) return null;
    if (!("name" in x) || !("priority" in x) || !("handler" in x)) return null;
    const name: unknown = x.name;
    const rank = rankOf(x.priority);
    const handler: unknown = x.handler;
    if (!isName(name) || rank < 0 || !isHandler(handler)) return null;
    return { name, rank, handler };
  } catch {
    return null;
  }
};

/** A validated allocator ops, its fields read once. */
export interface AllocatorArg {
  readonly name: string;
  readonly alloc: AllocFn;
  readonly free: FreeFn;
}

/** Read allocator ops, or null when they are malformed. */
export const readAllocator = (x: unknown): AllocatorArg | null => {
  try {
    if (typeof x !== "object" || x === null) return null;
    if (!("name" in x) || !("alloc" in x) || !("free" in x)) return null;
    const name: unknown = x.name;
    const alloc: unknown = x.alloc;
    const free: unknown = x.free;
    if (!isName(name) || !isAllocFn(alloc) || !isFreeFn(free)) return null;
    return { name, alloc, free };
  } catch {
    return null;
  }
};

/*
 * The guards below only know that the value is callable; its arity and behaviour are not
 * trusted: every call of a user function is wrapped in try/catch and its answer re-checked.
 */
const isHandler = (f: unknown): f is Handler => typeof f === "function";
const isAllocFn = (f: unknown): f is AllocatorOps["alloc"] => typeof f === "function";
const isFreeFn = (f: unknown): f is AllocatorOps["free"] => typeof f === "function";
