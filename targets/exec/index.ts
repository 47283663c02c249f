/**
 * The exec adapter: run the suites on an IOASID core implemented by a child process in any
 * language, over the newline-delimited JSON protocol of docs/exec-protocol.md.
 */
export { ExecCore } from "./exec-core.js";
export { createExecCore, ExecSession } from "./exec-session.js";
export type { ExecCoreOptions, ExecOptions } from "./exec-core.js";
export { STARTUP_FLOOR_MS } from "./exec-core.js";
export { ExecFailure } from "./exec-failure.js";
export {
  PROTOCOL_VERSION, METHOD_ARGS, HarnessMessage, ImplMessage, InitMessage, CallMessage, HandlerDoneMessage,
  AllocatorAnswerMessage, ShutdownMessage, ReadyMessage, ResultReply, ViewReply, DeliverMessage,
  AllocatorAllocMessage, AllocatorFreeMessage, WireNumber, toWire, fromWire,
} from "./protocol.js";
export type { Method, MethodArgs } from "./protocol.js";
