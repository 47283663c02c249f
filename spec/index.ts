/**
 * The public face of the spec: state, actions by step, invariants, decisions, the world and the
 * IoasidCore wrapper.
 */
export type { CoreState, IdRecord, SetRecord, NotifierRecord, AllocatorRecord, SpecConfig, IdState, Space } from "./state.js";
export { initialState, typeInvariant, isIdNumber } from "./state.js";
export type { Step, StepContext, Deliver, Sys, Handled } from "./step-types.js";
export { stepCore } from "./step.js";
export { INVARIANTS, violatedInvariants, violatedInvariantsAfter } from "./invariants.js";
export type { Invariant } from "./invariants.js";
export { DECISIONS } from "./decisions.js";
export type { Decision } from "./decisions.js";
export { initialWorld, worldStep, worldDeliver, handlerCallToCore, workAllocChoices } from "./world.js";
export type { World, WorldEnv, WorkItem } from "./world.js";
export { SpecCore } from "./spec-core.js";
export { acceptsIdChoice, allocGuard } from "./actions/alloc.js";
export { acceptsSetHandle } from "./actions/alloc-set.js";
export { activeSpace, heldBy, heldCount, lowestFree, recipients } from "./derived.js";
export { allocatorView, capacityLeft, notifierView, setView } from "./views.js";
export { MAY_FAIL_ALLOCATION } from "./allocation.js";
