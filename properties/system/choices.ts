/**
 * Recording a core's allocation choices, so that the spec twin of a system can make the same
 * ones: the IDs `alloc` returned and the handles `allocSet` returned, in order.
 */
import type { IoasidCore } from "../../api/core.js";
import type { Chooser } from "../../spec/spec-core.js";

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
  const core: IoasidCore = new Proxy(inner, {
    get(target, prop, receiver) {
      const v: unknown = Reflect.get(target, prop, receiver);
      if (prop === "alloc" && typeof v === "function") {
        return (...args: unknown[]) => {
          const r: unknown = Reflect.apply(v, target, args);
          if (typeof r === "object" && r !== null && "ok" in r && r.ok === true && "value" in r && typeof r.value === "number") ids.push(r.value);
          return r;
        };
      }
      if (prop === "allocSet" && typeof v === "function") {
        return (...args: unknown[]) => {
          const r: unknown = Reflect.apply(v, target, args);
          if (typeof r === "object" && r !== null && "ok" in r && r.ok === true && "value" in r && typeof r.value === "number") sets.push(r.value);
          return r;
        };
      }
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
  return {
    core,
    chooser: { id: () => ids.shift(), setHandle: () => sets.shift() },
    clear: () => {
      ids.length = 0;
      sets.length = 0;
    },
  };
};
