/**
 * Bug: find_by_spid looks the SPID up in every set, not only the caller's.
 */
import { ImplCore } from "../../../impl/core.js";
import type { Token } from "../../../api/commands.js";
import type { CallResult } from "../../../api/result.js";
import { err, ok } from "../../../api/result.js";
import { isIdNumber } from "../../../spec/state.js";
import type { Mutant } from "./mutant.js";

class SpidUnscoped extends ImplCore {
  private readonly handles: number[] = [];

  override allocSet(token: Token, quota: number): CallResult {
    const r = super.allocSet(token, quota);
    if (r.ok && typeof r.value === "number") this.handles.push(r.value);
    return r;
  }

  override findBySpid(set: number | null, spid: number): CallResult {
    if (set === null || !isIdNumber(spid) || this.sets.lookup(set) === undefined) return super.findBySpid(set, spid);
    const own = super.findBySpid(set, spid);
    if (own.ok) return own;
    for (const h of this.handles) {
      const id = this.sets.lookup(h)?.bySpid.get(spid) ?? 0;
      if (id !== 0) {
        this.ids.setRefs(id, this.ids.refsOf(id) + 1);
        return ok(id);
      }
    }
    return err("ENOENT");
  }
}

export const spidUnscoped: Mutant = {
  name: "spid-unscoped",
  breaks: "a guest's PASID write resolves to another VM's host PASID with the same guest number, so its DMA lands in the other VM's address space.",
  make: (capacity) => new SpidUnscoped({ capacity }),
};
