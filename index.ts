/**
 * ioasid-check as a library: what a user's own test suite imports.
 *
 *   import { runCoreSuite, formatFailure } from "ioasid-check";
 *   const r = runCoreSuite({ makeCore: (config) => myCore(config) });
 *   expect(r.failure === null ? "" : formatFailure(r.failure, "my suite")).toBe("");
 */
export type { IoasidCore, NotifierBlock, Handler, AllocatorOps, IdView } from "./api/core.js";
export type { CallResult, Value } from "./api/result.js";
export type { Command, CoreCall, Token, Getter, PrivateData } from "./api/commands.js";
export type { Delivery, IoasidEvent, Priority } from "./api/notification.js";
export type { Errno } from "./api/errno.js";
export { ok, err } from "./api/result.js";
export { MIN_IOASID, MAX_IOASID, INVALID_IOASID, SYSTEM_CAPACITY } from "./api/constants.js";
export { SpecCore } from "./spec/spec-core.js";
export { DECISIONS } from "./spec/decisions.js";
export { createImplCore } from "./impl/index.js";
export { runCoreSuite, DEFAULT_CORE_RUNS } from "./properties/core/suite.js";
export type { CoreSuiteOptions, CoreSuiteReport, CoreFailure, CoreConfig } from "./properties/core/suite.js";
export { formatFailure, formatCoverage } from "./properties/core/report.js";
export { runSystemSuite, DEFAULT_SYSTEM_RUNS } from "./properties/system/suite.js";
export type { SystemSuiteOptions, SystemSuiteReport } from "./properties/system/suite.js";
export { CORE_MUTANTS } from "./properties/core/mutants/index.js";
export { DRIVER_MUTANTS } from "./properties/system/mutants/index.js";
export { readTrace, writeTrace, decodeTrace, TraceFileError } from "./counterexamples/store.js";
export { replayTrace, asExpected } from "./counterexamples/replay.js";
export { loadCoreModule, ModuleError } from "./targets/module/load-module.js";
