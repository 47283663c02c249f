/**
 * A stopped core: what a target's factory hands out when it could not make a core after the
 * target had started (a process that died or hung at `init`, a module whose createCore threw or
 * hung). Every method throws the failure, so the suite reports it as the core's crash at the
 * first step instead of letting it escape the suite (targets/README.md rule 2).
 */
import type { IoasidCore } from "../api/core.js";

/** An IoasidCore whose every method throws `failure`. */
export const stoppedCore = (failure: Error): IoasidCore => {
  const fail = (): never => {
    throw failure;
  };
  return {
    allocSet: fail, adjustSet: fail, setGet: fail, setGetLocked: fail, setPut: fail, setPutLocked: fail, forEachIoasid: fail,
    alloc: fail, free: fail, get: fail, getLocked: fail, put: fail, putLocked: fail, find: fail, attachData: fail,
    attachSpid: fail, detachSpid: fail, findBySpid: fail, registerNotifier: fail, unregisterNotifier: fail,
    registerNotifierMm: fail, unregisterNotifierMm: fail, notify: fail, registerAllocator: fail, unregisterAllocator: fail,
    inspectId: fail,
  };
};

/**
 * A factory that never throws `failure`s: a core that cannot be made (of the kind `isFailure`
 * recognizes) becomes a stopped core, which the suites report as the core's crash at that step.
 */
export const stoppingFactory = <C>(make: (config: C) => IoasidCore, isFailure: (e: unknown) => e is Error) => (config: C): IoasidCore => {
  try {
    return make(config);
  } catch (e) {
    if (isFailure(e)) return stoppedCore(e);
    throw e;
  }
};
