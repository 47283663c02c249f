/**
 * The commands: one codec per core call, plus `run_work`, which runs the oldest deferred work
 * item queued by a handler, and `fail_nth`, which arms fault injection for the next call. Traces, generated sequences and the exec protocol all carry these.
 *
 * Rules:
 *  1. Numeric arguments are plain numbers on purpose: hostile values (negative, fractional,
 *     out of range, INVALID) must reach the core, which refuses them with an errno.
 *  2. A `set` of null means "any set" where the core allows it (get, put, find, notify, the
 *     global notifier chain) and is refused elsewhere.
 *  3. Set handles and IDs are the values the core under test returned.
 */
import * as t from "io-ts";
import { IoasidEvent, Priority } from "./notification.js";
import { Reaction } from "./reaction.js";

const SetArg = t.union([t.number, t.null]);

const cmd = <K extends string, P extends t.Props>(op: K, props: P) =>
  t.readonly(t.type({ op: t.literal(op), ...props }));

/** Codec of a set token: an arbitrary u64 (NULL type) or an mm (MM type). */
export const Token = t.union([
  t.readonly(t.type({ type: t.literal("null"), value: t.number })),
  t.readonly(t.type({ type: t.literal("mm"), mm: t.number })),
]);
export type Token = t.TypeOf<typeof Token>;

/** Codec of a find getter: none, one that accepts the data, one that refuses it. */
export const Getter = t.keyof({ none: null, accept: null, reject: null });
export type Getter = t.TypeOf<typeof Getter>;

/** Codec of private data attached to an ID. */
export const PrivateData = t.union([t.string, t.null]);
export type PrivateData = t.TypeOf<typeof PrivateData>;

export const AllocSet = cmd("alloc_set", { token: Token, quota: t.number });
export const AdjustSet = cmd("adjust_set", { set: t.number, quota: t.number });
export const SetGet = cmd("set_get", { set: t.number });
export const SetGetLocked = cmd("set_get_locked", { set: t.number });
export const SetPut = cmd("set_put", { set: t.number });
export const SetPutLocked = cmd("set_put_locked", { set: t.number });
export const ForEachIoasid = cmd("for_each_ioasid", { set: t.number });
export const Alloc = cmd("alloc", { set: t.number, min: t.number, max: t.number, data: PrivateData });
export const Free = cmd("free", { set: SetArg, id: t.number });
export const Get = cmd("get", { set: SetArg, id: t.number });
export const GetLocked = cmd("get_locked", { set: SetArg, id: t.number });
export const Put = cmd("put", { set: SetArg, id: t.number });
export const PutLocked = cmd("put_locked", { set: SetArg, id: t.number });
export const Find = cmd("find", { set: SetArg, id: t.number, getter: Getter });
export const AttachData = cmd("attach_data", { set: SetArg, id: t.number, data: PrivateData });
export const AttachSpid = cmd("attach_spid", { set: SetArg, id: t.number, spid: t.number });
export const DetachSpid = cmd("detach_spid", { set: SetArg, id: t.number });
export const FindBySpid = cmd("find_by_spid", { set: SetArg, spid: t.number });
export const RegisterNotifier = cmd("register_notifier", {
  set: SetArg,
  name: t.string,
  priority: Priority,
  reaction: Reaction,
});
export const UnregisterNotifier = cmd("unregister_notifier", { set: SetArg, name: t.string });
export const RegisterNotifierMm = cmd("register_notifier_mm", {
  mm: t.number,
  name: t.string,
  priority: Priority,
  reaction: Reaction,
});
export const UnregisterNotifierMm = cmd("unregister_notifier_mm", { mm: t.number, name: t.string });
export const Notify = cmd("notify", { set: SetArg, id: t.number, event: IoasidEvent });
export const RegisterAllocator = cmd("register_allocator", { name: t.string, fns: t.string });
export const UnregisterAllocator = cmd("unregister_allocator", { name: t.string });

/** Codec of one call on the IOASID core. */
export const CoreCall = t.union([
  AllocSet, AdjustSet, SetGet, SetGetLocked, SetPut, SetPutLocked, ForEachIoasid,
  Alloc, Free, Get, GetLocked, Put, PutLocked, Find, AttachData, AttachSpid, DetachSpid,
  FindBySpid, RegisterNotifier, UnregisterNotifier, RegisterNotifierMm, UnregisterNotifierMm,
  Notify, RegisterAllocator, UnregisterAllocator,
]);
export type CoreCall = t.TypeOf<typeof CoreCall>;

/** Codec of the command that runs the oldest deferred work item. */
export const RunWork = cmd("run_work", {});

/**
 * Codec of the fault-injection command (api/faults.ts): arm the core under test so that the
 * n-th internal allocation of the next call fails. It changes no spec state.
 */
export const FailNth = cmd("fail_nth", { n: t.number });

/** Codec of one step of a command sequence: a core call, running deferred work, or arming a fault. */
export const Command = t.union([CoreCall, RunWork, FailNth]);
export type Command = t.TypeOf<typeof Command>;

/** The name of every command kind, for coverage tables. */
export type CommandKind = Command["op"];

/** The command of one kind, e.g. `CallOf<"alloc">`. */
export type CallOf<K extends CoreCall["op"]> = Extract<CoreCall, { readonly op: K }>;
