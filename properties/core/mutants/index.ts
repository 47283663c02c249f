/**
 * The broken variants of the optimized core that the conformance suite must catch.
 */
import type { Mutant } from "./mutant.js";
import { reclaimIgnoringRefs } from "./reclaim-ignoring-refs.js";
import { getOnFreePending } from "./get-on-free-pending.js";
import { spidUnscoped } from "./spid-unscoped.js";
import { orderReversed } from "./order-reversed.js";
import { bindEveryTime } from "./bind-every-time.js";
import { freeDropsRefEarly } from "./free-drops-ref-early.js";
import { unbindAfterFree } from "./unbind-after-free.js";
import { quotaIgnoresPending } from "./quota-ignores-pending.js";
import { spidSurvivesFree } from "./spid-survives-free.js";
import { mmNotifiersDropped } from "./mm-notifiers-dropped.js";
import { capacityExactFitRefused } from "./capacity-exact-fit-refused.js";
import { dyingSetKeepsQuota } from "./dying-set-keeps-quota.js";
import { adjustShrinkKeepsReservation } from "./adjust-shrink-keeps-reservation.js";
import { mmNotifierJoinsDyingSet } from "./mm-notifier-joins-dying-set.js";
import { customFreeForgotten } from "./custom-free-forgotten.js";
import { customFreeAtFree } from "./custom-free-at-free.js";
import { findInHandlerLockfree } from "./find-in-handler-lockfree.js";
import { allocInHandlerNests } from "./alloc-in-handler-nests.js";
import { unbindClearsAllBinds } from "./unbind-clears-all-binds.js";
import { mmNotifiersDangle } from "./mm-notifiers-dangle.js";
import { allocEnomemKeepsQuota } from "./alloc-enomem-keeps-quota.js";
import { allocSetEnomemKeepsCapacity } from "./alloc-set-enomem-keeps-capacity.js";
import { spidEnomemHalfAttached } from "./spid-enomem-half-attached.js";

export type { Mutant } from "./mutant.js";

/** Every core mutant, in a stable order. */
export const CORE_MUTANTS: readonly Mutant[] = [
  reclaimIgnoringRefs, getOnFreePending, spidUnscoped, orderReversed, bindEveryTime,
  freeDropsRefEarly, unbindAfterFree, quotaIgnoresPending, spidSurvivesFree, mmNotifiersDropped,
  // capacity and quota edges (edges.ts)
  capacityExactFitRefused, dyingSetKeepsQuota,
  // state only the introspection beyond IDs shows (abstraction.ts)
  adjustShrinkKeepsReservation, mmNotifierJoinsDyingSet,
  // custom allocators' books (allocator-ledger.ts)
  customFreeForgotten, customFreeAtFree,
  // lookups and allocations from inside handlers (D31)
  findInHandlerLockfree, allocInHandlerNests,
  // pairwise situations (pairs.ts: an UNBIND while another device keeps the ID bound; a set
  // destroyed with MM notifiers attached)
  unbindClearsAllBinds, mmNotifiersDangle,
  // ENOMEM paths reached by fault injection (D32, fail_nth)
  allocEnomemKeepsQuota, allocSetEnomemKeepsCapacity, spidEnomemHalfAttached,
];
