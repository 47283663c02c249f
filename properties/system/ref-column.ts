/**
 * A core wrapper that records, after every reference-moving call (alloc, free, get, put, their
 * _locked twins, find_by_spid), the reference count of the ID it named: the design document's
 * "Ref" column. Everything else passes straight through.
 */
import type { IoasidCore } from "../../api/core.js";
import type { CallResult } from "../../api/result.js";

/** Wrap `core`; `column` fills as calls succeed. */
export const withRefColumn = (core: IoasidCore): { readonly core: IoasidCore; readonly column: number[] } => {
  const column: number[] = [];
  const note = (id: number, r: CallResult): CallResult => {
    if (r.ok) column.push(core.inspectId(id)?.refs ?? 0);
    return r;
  };
  const wrapped: IoasidCore = {
    allocSet: (t, q) => core.allocSet(t, q),
    adjustSet: (s, q) => core.adjustSet(s, q),
    setGet: (s) => core.setGet(s),
    setGetLocked: (s) => core.setGetLocked(s),
    setPut: (s) => core.setPut(s),
    setPutLocked: (s) => core.setPutLocked(s),
    forEachIoasid: (s) => core.forEachIoasid(s),
    alloc: (s, min, max, d) => {
      const r = core.alloc(s, min, max, d);
      return r.ok && typeof r.value === "number" ? note(r.value, r) : r;
    },
    free: (s, id) => note(id, core.free(s, id)),
    get: (s, id) => note(id, core.get(s, id)),
    getLocked: (s, id) => note(id, core.getLocked(s, id)),
    put: (s, id) => note(id, core.put(s, id)),
    putLocked: (s, id) => note(id, core.putLocked(s, id)),
    find: (s, id, g) => core.find(s, id, g),
    attachData: (s, id, d) => core.attachData(s, id, d),
    attachSpid: (s, id, sp) => core.attachSpid(s, id, sp),
    detachSpid: (s, id) => core.detachSpid(s, id),
    findBySpid: (s, sp) => {
      const r = core.findBySpid(s, sp);
      return r.ok && typeof r.value === "number" ? note(r.value, r) : r;
    },
    registerNotifier: (s, nb) => core.registerNotifier(s, { ...nb, handler: (d) => nb.handler(d, wrapped) }),
    unregisterNotifier: (s, n) => core.unregisterNotifier(s, n),
    registerNotifierMm: (mm, nb) => core.registerNotifierMm(mm, { ...nb, handler: (d) => nb.handler(d, wrapped) }),
    unregisterNotifierMm: (mm, n) => core.unregisterNotifierMm(mm, n),
    notify: (s, id, e) => core.notify(s, id, e),
    registerAllocator: (o) => core.registerAllocator(o),
    unregisterAllocator: (n) => core.unregisterAllocator(n),
    inspectId: (id) => core.inspectId(id),
  };
  return { core: wrapped, column };
};
