/**
 * The exec protocol: newline-delimited JSON between the harness and an implementation of the
 * IOASID core running as a child process, in any language (docs/exec-protocol.md).
 *
 * Rules:
 *  1. Every message is one JSON object on one line. The harness writes to the child's stdin,
 *     the implementation to its stdout; stderr is free-form (the harness keeps its tail).
 *  2. `init` comes first and resets every piece of state; it is answered with `ready`. A
 *     process may be reset with `init` any number of times; `shutdown` ends it.
 *  3. One `call` per IoasidCore method call, inspectId included, answered with one `reply`
 *     carrying the same seq. Before replying, the implementation may make callbacks
 *     (`deliver`, `allocator-alloc`, `allocator-free`) numbered with its own seqs; each is
 *     answered (`handler-done`, `allocator-answer`) with the callback's seq. While a `deliver`
 *     is outstanding, the harness's handler may send nested `call`s, which the implementation
 *     answers (in handler context) before it receives the `handler-done`.
 *  4. Numbers travel as JSON numbers; the non-finite ones JSON cannot carry travel as the
 *     strings "NaN", "Infinity" and "-Infinity". An implementation refuses them as it refuses
 *     any non-integer argument (EINVAL).
 *  5. Handlers and allocator functions stay in the harness: a notifier block travels as
 *     {name, priority}; allocator ops as {name, fns}, equal `fns` meaning the same functions
 *     (a shared ID space).
 *  6. Fault injection (api/faults.ts): a process that lists "failNth" in `ready`'s features gets
 *     `call failNth [n]` just before the call it arms, and answers it with an ok(null) result.
 */
import * as t from "io-ts";
import { Getter, PrivateData } from "../../api/commands.js";
import type { IoasidCore } from "../../api/core.js";
import { Delivery, IoasidEvent, Priority } from "../../api/notification.js";
import { CallResult } from "../../api/result.js";

/** The protocol version this harness speaks. */
export const PROTOCOL_VERSION = 1;

/** Codec of a number on the wire (rule 4). */
export const WireNumber = t.union([t.number, t.keyof({ NaN: null, Infinity: null, "-Infinity": null })]);
export type WireNumber = t.TypeOf<typeof WireNumber>;

/** A number as it travels (rule 4). */
export const toWire = (n: number): WireNumber => {
  if (Number.isFinite(n)) return n;
  if (Number.isNaN(n)) return "NaN";
  return n > 0 ? "Infinity" : "-Infinity";
};

/** A number back from the wire. */
export const fromWire = (w: WireNumber): number => (typeof w === "number" ? w : Number(w));

const SetArg = t.union([WireNumber, t.null]);

/** Codec of a set token on the wire. */
export const WireToken = t.union([
  t.readonly(t.type({ type: t.literal("null"), value: WireNumber })),
  t.readonly(t.type({ type: t.literal("mm"), mm: WireNumber })),
]);
export type WireToken = t.TypeOf<typeof WireToken>;

/** Codec of a notifier block on the wire: the handler stays in the harness (rule 5). */
export const WireNotifier = t.readonly(t.type({ name: t.string, priority: Priority }));

/** Codec of allocator ops on the wire: equal `fns` keys are the same functions (rule 5). */
export const WireAllocator = t.readonly(t.type({ name: t.string, fns: t.string }));

/** Codec of the arguments of a method that takes none: the empty array. */
const NoArgs = new t.Type<readonly [], unknown, unknown>(
  "[]",
  (u): u is readonly [] => Array.isArray(u) && u.length === 0,
  (u, c) => (Array.isArray(u) && u.length === 0 ? t.success<readonly []>([]) : t.failure(u, c)),
  (a) => a,
);

/** The arguments of each IoasidCore method, in the interface's order. */
export const METHOD_ARGS = {
  allocSet: t.tuple([WireToken, WireNumber]),
  adjustSet: t.tuple([WireNumber, WireNumber]),
  setGet: t.tuple([WireNumber]),
  setGetLocked: t.tuple([WireNumber]),
  setPut: t.tuple([WireNumber]),
  setPutLocked: t.tuple([WireNumber]),
  forEachIoasid: t.tuple([WireNumber]),
  alloc: t.tuple([WireNumber, WireNumber, WireNumber, PrivateData]),
  free: t.tuple([SetArg, WireNumber]),
  get: t.tuple([SetArg, WireNumber]),
  getLocked: t.tuple([SetArg, WireNumber]),
  put: t.tuple([SetArg, WireNumber]),
  putLocked: t.tuple([SetArg, WireNumber]),
  find: t.tuple([SetArg, WireNumber, Getter]),
  attachData: t.tuple([SetArg, WireNumber, PrivateData]),
  attachSpid: t.tuple([SetArg, WireNumber, WireNumber]),
  detachSpid: t.tuple([SetArg, WireNumber]),
  findBySpid: t.tuple([SetArg, WireNumber]),
  registerNotifier: t.tuple([SetArg, WireNotifier]),
  unregisterNotifier: t.tuple([SetArg, t.string]),
  registerNotifierMm: t.tuple([WireNumber, WireNotifier]),
  unregisterNotifierMm: t.tuple([WireNumber, t.string]),
  notify: t.tuple([SetArg, WireNumber, IoasidEvent]),
  registerAllocator: t.tuple([WireAllocator]),
  unregisterAllocator: t.tuple([t.string]),
  inspectId: t.tuple([WireNumber]),
  inspectSet: t.tuple([WireNumber]),
  capacityLeft: NoArgs,
  inspectNotifier: t.tuple([t.string]),
  inspectAllocator: t.tuple([t.string]),
  failNth: t.tuple([WireNumber]),
} as const satisfies Record<keyof IoasidCore, t.Mixed>;

/** A method name of the protocol: every IoasidCore method. */
export type Method = keyof typeof METHOD_ARGS;
/** The wire arguments of one method. */
export type MethodArgs<M extends Method> = t.TypeOf<(typeof METHOD_ARGS)[M]>;

/** Codec of one `call` of method `m`. */
const callOf = <M extends Method>(m: M) =>
  t.readonly(t.type({ type: t.literal("call"), seq: t.number, method: t.literal(m), args: METHOD_ARGS[m] }));

// ---- harness -> implementation

/** `init`: the first message, and a reset of all state whenever it comes again. */
export const InitMessage = t.readonly(t.type({
  type: t.literal("init"),
  version: t.literal(PROTOCOL_VERSION),
  config: t.readonly(t.type({ capacity: t.number })),
}));
export type InitMessage = t.TypeOf<typeof InitMessage>;

/** `call`: one core call (rule 3). */
export const CallMessage = t.union([
  callOf("allocSet"), callOf("adjustSet"), callOf("setGet"), callOf("setGetLocked"), callOf("setPut"),
  callOf("setPutLocked"), callOf("forEachIoasid"), callOf("alloc"), callOf("free"), callOf("get"),
  callOf("getLocked"), callOf("put"), callOf("putLocked"), callOf("find"), callOf("attachData"),
  callOf("attachSpid"), callOf("detachSpid"), callOf("findBySpid"), callOf("registerNotifier"),
  callOf("unregisterNotifier"), callOf("registerNotifierMm"), callOf("unregisterNotifierMm"),
  callOf("notify"), callOf("registerAllocator"), callOf("unregisterAllocator"), callOf("inspectId"),
  callOf("inspectSet"), callOf("capacityLeft"), callOf("inspectNotifier"), callOf("inspectAllocator"),
  callOf("failNth"),
]);
export type CallMessage = t.TypeOf<typeof CallMessage>;

/** `handler-done`: the harness's handler for the `deliver` with this seq returned. */
export const HandlerDoneMessage = t.readonly(t.type({ type: t.literal("handler-done"), seq: t.number }));
export type HandlerDoneMessage = t.TypeOf<typeof HandlerDoneMessage>;

/** `allocator-answer`: what the allocator function returned (ignored for allocator-free). */
export const AllocatorAnswerMessage = t.readonly(t.type({ type: t.literal("allocator-answer"), seq: t.number, value: WireNumber }));
export type AllocatorAnswerMessage = t.TypeOf<typeof AllocatorAnswerMessage>;

/** `shutdown`: the implementation exits. */
export const ShutdownMessage = t.readonly(t.type({ type: t.literal("shutdown") }));
export type ShutdownMessage = t.TypeOf<typeof ShutdownMessage>;

/** Codec of every message the harness sends. */
export const HarnessMessage = t.union([InitMessage, CallMessage, HandlerDoneMessage, AllocatorAnswerMessage, ShutdownMessage]);
export type HarnessMessage = t.TypeOf<typeof HarnessMessage>;

// ---- implementation -> harness

/**
 * `ready`: the answer to `init`. `features` (optional) lists what the implementation offers
 * beyond the required methods: the introspection methods it answers (api/introspection.ts) and
 * "failNth" (fault injection, `fail-nth`); a process that lists none offers none.
 */
export const ReadyMessage = t.readonly(t.intersection([
  t.type({ type: t.literal("ready"), version: t.number }),
  t.partial({ features: t.readonlyArray(t.string) }),
]));
export type ReadyMessage = t.TypeOf<typeof ReadyMessage>;

/** `reply` to any call but inspectId: the call's result. */
export const ResultReply = t.readonly(t.type({ type: t.literal("reply"), seq: t.number, result: CallResult }));
export type ResultReply = t.TypeOf<typeof ResultReply>;

/** Codec of an IdView on the wire. */
export const WireIdView = t.readonly(t.type({
  state: t.keyof({ ALLOCATED: null, FREE_PENDING: null }),
  refs: t.number,
  set: t.number,
  spid: t.union([t.number, t.null]),
}));

/** `reply` to inspectId: the view, or null when no such ID exists. */
export const ViewReply = t.readonly(t.type({ type: t.literal("reply"), seq: t.number, view: t.union([WireIdView, t.null]) }));
export type ViewReply = t.TypeOf<typeof ViewReply>;

/** Codec of a SetView on the wire (api/introspection.ts). */
export const WireSetView = t.readonly(t.type({
  quota: t.number, held: t.number, dying: t.boolean, kind: t.keyof({ null: null, mm: null }), token: t.number, refs: t.number,
}));

/** Codec of a NotifierView on the wire. */
export const WireNotifierView = t.readonly(t.type({
  where: t.keyof({ global: null, set: null, pending: null }), set: t.union([t.number, t.null]), mm: t.union([t.number, t.null]),
}));

/** Codec of an AllocatorView on the wire. */
export const WireAllocatorView = t.readonly(t.type({ active: t.boolean, outstanding: t.number }));

/**
 * `reply` to inspectSet, capacityLeft, inspectNotifier or inspectAllocator (features advertised
 * at `ready`): the view, the capacity left, or null when the argument names nothing.
 */
export const InspectReply = t.readonly(t.type({
  type: t.literal("reply"), seq: t.number,
  inspect: t.union([WireSetView, WireNotifierView, WireAllocatorView, t.number, t.null]),
}));
export type InspectReply = t.TypeOf<typeof InspectReply>;

/** `deliver`: run the handler of `delivery.notifier`; answered with handler-done. */
export const DeliverMessage = t.readonly(t.type({ type: t.literal("deliver"), seq: t.number, delivery: Delivery }));
export type DeliverMessage = t.TypeOf<typeof DeliverMessage>;

/** `allocator-alloc`: call `alloc(min, max)` of the ops named `name`; answered with allocator-answer. */
export const AllocatorAllocMessage = t.readonly(t.type({
  type: t.literal("allocator-alloc"), seq: t.number, name: t.string, min: t.number, max: t.number,
}));
export type AllocatorAllocMessage = t.TypeOf<typeof AllocatorAllocMessage>;

/** `allocator-free`: call `free(id)` of the ops named `name`; answered with allocator-answer. */
export const AllocatorFreeMessage = t.readonly(t.type({ type: t.literal("allocator-free"), seq: t.number, name: t.string, id: t.number }));
export type AllocatorFreeMessage = t.TypeOf<typeof AllocatorFreeMessage>;

/**
 * Codec of every message an implementation sends. A result reply is tried before a view reply,
 * a view reply before an inspect reply. An InspectReply answers only the introspection calls,
 * which a harness sends only to a process that advertised them at `ready`; which shape of
 * `inspect` a call needs is checked by the harness (exec-introspection.ts).
 */
export const ImplMessage = t.union([ReadyMessage, ResultReply, ViewReply, InspectReply, DeliverMessage, AllocatorAllocMessage, AllocatorFreeMessage]);
export type ImplMessage = t.TypeOf<typeof ImplMessage>;
