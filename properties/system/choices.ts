/**
 * Recording a core's allocation choices, so that the spec twin of a system can make the same
 * ones: the IDs `alloc` returned and the handles `allocSet` returned, in order.
 *
 * Rules:
 *  1. The recorder is a plain forwarding object (no Proxy, no per-call binding: it is on the hot
 *     path of every core call the system makes); every other call passes straight through.
 */
import type { IoasidCore } from "../../api/core.js";
import type { Chooser } from "../../spec/spec-core.js";
import type { CallResult } from "../../api/result.js";

/** A core whose allocations are queued, and the chooser that hands them out. */
export interface ChoiceRecorder {
  readonly core: IoasidCore;
  readonly chooser: Chooser;
  /** Forget unused choices (at the end of a step). */
  clear(): void;
}

export const recordChoices = (inner: IoasidCore): ChoiceRecorder => {
  const ids: number[] = [];
  const sets: number[] = [];
  const noted = (into: number[], r: CallResult): CallResult => {
    if (r.ok && typeof r.value === "number") into.push(r.value);
    return r;
  };
  const core: IoasidCore = {
    allocSet: (t, q) => noted(sets, inner.allocSet(t, q)),
    adjustSet: (s, q) => inner.adjustSet(s, q),
    setGet: (s) => inner.setGet(s),
    setGetLocked: (s) => inner.setGetLocked(s),
    setPut: (s) => inner.setPut(s),
    setPutLocked: (s) => inner.setPutLocked(s),
    forEachIoasid: (s) => inner.forEachIoasid(s),
    alloc: (s, min, max, d) => noted(ids, inner.alloc(s, min, max, d)),
    free: (s, id) => inner.free(s, id),
    get: (s, id) => inner.get(s, id),
    getLocked: (s, id) => inner.getLocked(s, id),
    put: (s, id) => inner.put(s, id),
    putLocked: (s, id) => inner.putLocked(s, id),
    find: (s, id, g) => inner.find(s, id, g),
    attachData: (s, id, d) => inner.attachData(s, id, d),
    attachSpid: (s, id, sp) => inner.attachSpid(s, id, sp),
    detachSpid: (s, id) => inner.detachSpid(s, id),
    findBySpid: (s, sp) => inner.findBySpid(s, sp),
    registerNotifier: (s, nb) => inner.registerNotifier(s, nb),
    unregisterNotifier: (s, n) => inner.unregisterNotifier(s, n),
    registerNotifierMm: (mm, nb) => inner.registerNotifierMm(mm, nb),
    unregisterNotifierMm: (mm, n) => inner.unregisterNotifierMm(mm, n),
    notify: (s, id, e) => inner.notify(s, id, e),
    registerAllocator: (o) => inner.registerAllocator(o),
    unregisterAllocator: (n) => inner.unregisterAllocator(n),
    inspectId: (id) => inner.inspectId(id),
  };
  return {
    core,
    chooser: { id: () => ids.shift(), setHandle: () => sets.shift() },
    clear: () => {
      ids.length = 0;
      sets.length = 0;
    },
  };
};
