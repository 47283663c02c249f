/**
 * The variables of the IOASID core and their type invariant.
 *
 * Rules:
 *  1. An ID is in `ids` from allocation until reclaim; its `state` is ALLOCATED or FREE_PENDING.
 *  2. A set is in `sets` from alloc_set until destruction; `refs === 0` means it is dying.
 *  3. Every notifier registration, pending or attached, is one entry of `notifiers`.
 *  4. `depth` is the handler nesting depth: > 0 means the core lock is held by a handler.
 *  5. `ghost` fields are history kept only to state invariants; no action reads them in a guard.
 */
import type { Token, PrivateData } from "../api/commands.js";
import type { Priority } from "../api/notification.js";
import { MAX_IOASID, MIN_IOASID, SYSTEM_CAPACITY } from "../api/constants.js";

/** The allocator space an ID came from: the default allocator, or a custom group (its fns key). */
export type Space = { readonly kind: "default" } | { readonly kind: "custom"; readonly fns: string };

/** Life state of an ID. */
export type IdState = "ALLOCATED" | "FREE_PENDING";

/** History of one ID, for the invariants only. */
export interface IdGhost {
  /** References taken by get/get_locked/find_by_spid, minus puts. */
  readonly taken: number;
  /** References taken after the ID was freed (must stay 0). */
  readonly takenAfterFree: number;
}

/** One live ID. */
export interface IdRecord {
  readonly id: number;
  readonly set: number;
  readonly state: IdState;
  readonly refs: number;
  /** Whether the allocation's reference is still counted in `refs` (true until free drops it). */
  readonly allocRef: boolean;
  readonly spid: number | null;
  readonly data: PrivateData;
  /** Outstanding device binds published with notify(BIND). */
  readonly binds: number;
  readonly space: Space;
  readonly ghost: IdGhost;
}

/** One set. */
export interface SetRecord {
  readonly handle: number;
  readonly token: Token;
  readonly quota: number;
  /** Set references; 0 means dying (waiting for its IDs to be reclaimed). */
  readonly refs: number;
}

/** Where a notifier is registered. */
export type NotifierScope =
  | { readonly kind: "global" }
  | { readonly kind: "set"; readonly set: number }
  | { readonly kind: "mm"; readonly mm: number; readonly attached: number | null };

/** One notifier registration. */
export interface NotifierRecord {
  readonly name: string;
  readonly priority: Priority;
  /** Registration order: the sequence number taken by the register call (D25). */
  readonly seq: number;
  readonly scope: NotifierScope;
}

/** One registered custom allocator ops (D28). */
export interface AllocatorRecord {
  readonly name: string;
  /** Identity of the ops' functions: equal keys share one ID space. */
  readonly fns: string;
  /** When its group (the ops sharing `fns`) was created: the oldest group is active. */
  readonly group: number;
}

/** Constants of a model: the capacity that quotas are reserved from. */
export interface SpecConfig {
  readonly capacity: number;
}

/** The whole state of the core. */
export interface CoreState {
  readonly config: SpecConfig;
  readonly ids: ReadonlyMap<number, IdRecord>;
  readonly sets: ReadonlyMap<number, SetRecord>;
  /** Registrations, in registration order. */
  readonly notifiers: readonly NotifierRecord[];
  /** Registered custom allocator ops, in registration order. */
  readonly allocators: readonly AllocatorRecord[];
  readonly nextSeq: number;
  /** The canonical next set handle (D19). */
  readonly nextSetHandle: number;
  readonly depth: number;
}

/** The initial state: no sets, no IDs, no notifiers, the default allocator. */
export const initialState = (config: Partial<SpecConfig> = {}): CoreState => ({
  config: { capacity: config.capacity ?? SYSTEM_CAPACITY },
  ids: new Map(),
  sets: new Map(),
  notifiers: [],
  allocators: [],
  nextSeq: 1,
  nextSetHandle: 1,
  depth: 0,
});

/** Is `n` a valid IOASID (or SPID) number? (D1) */
export const isIdNumber = (n: number): boolean => Number.isInteger(n) && n >= MIN_IOASID && n <= MAX_IOASID;

const allIds = (s: CoreState, p: (k: number, r: IdRecord) => boolean): boolean => {
  for (const [k, r] of s.ids) if (!p(k, r)) return false;
  return true;
};
const allSets = (s: CoreState, p: (k: number, r: SetRecord) => boolean): boolean => {
  for (const [k, r] of s.sets) if (!p(k, r)) return false;
  return true;
};

/** The type invariant: every field holds a value of its type and range. */
export const typeInvariant = (s: CoreState): boolean =>
  Number.isInteger(s.config.capacity) && s.config.capacity >= 1 && s.config.capacity <= SYSTEM_CAPACITY &&
  Number.isInteger(s.depth) && s.depth >= 0 &&
  allIds(s, (k, r) =>
    k === r.id && isIdNumber(r.id) && s.sets.has(r.set) && Number.isInteger(r.refs) && r.refs >= 1 &&
    (r.spid === null || isIdNumber(r.spid)) && Number.isInteger(r.binds) && r.binds >= 0) &&
  allSets(s, (k, r) =>
    k === r.handle && Number.isInteger(r.handle) && r.handle >= 1 && Number.isInteger(r.quota) &&
    r.quota >= 1 && Number.isInteger(r.refs) && r.refs >= 0) &&
  s.notifiers.every((n) => n.name.length > 0 && n.seq >= 1 && n.seq < s.nextSeq);
