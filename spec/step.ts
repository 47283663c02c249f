/**
 * Next: one core call applied to the system, dispatched to its action.
 */
import type { CoreCall } from "../api/commands.js";
import type { Step, StepContext } from "./step-types.js";
import { allocSet } from "./actions/alloc-set.js";
import { adjustSet } from "./actions/adjust-set.js";
import { setGet, setGetLocked } from "./actions/set-get.js";
import { setPut, setPutLocked } from "./actions/set-put.js";
import { forEachIoasid } from "./actions/for-each-ioasid.js";
import { alloc } from "./actions/alloc.js";
import { free } from "./actions/free.js";
import { get, getLocked } from "./actions/get.js";
import { put, putLocked } from "./actions/put.js";
import { find } from "./actions/find.js";
import { attachData } from "./actions/attach-data.js";
import { attachSpid } from "./actions/attach-spid.js";
import { detachSpid } from "./actions/detach-spid.js";
import { findBySpid } from "./actions/find-by-spid.js";
import { registerNotifier } from "./actions/register-notifier.js";
import { unregisterNotifier } from "./actions/unregister-notifier.js";
import { registerNotifierMm } from "./actions/register-notifier-mm.js";
import { unregisterNotifierMm } from "./actions/unregister-notifier-mm.js";
import { notify } from "./actions/notify.js";
import { registerAllocator } from "./actions/register-allocator.js";
import { unregisterAllocator } from "./actions/unregister-allocator.js";

/**
 * Apply one core call. A switch with no default: TypeScript proves it exhaustive through the
 * return type. (This is the per-command hot path, where ts-pattern's matcher cost a quarter of
 * the suite's time.)
 */
export function stepCore<E>(ctx: StepContext<E>, call: CoreCall): Step<E> {
  switch (call.op) {
    case "alloc_set": return allocSet(ctx, call);
    case "adjust_set": return adjustSet(ctx, call);
    case "set_get": return setGet(ctx, call);
    case "set_get_locked": return setGetLocked(ctx, call);
    case "set_put": return setPut(ctx, call);
    case "set_put_locked": return setPutLocked(ctx, call);
    case "for_each_ioasid": return forEachIoasid(ctx, call);
    case "alloc": return alloc(ctx, call);
    case "free": return free(ctx, call);
    case "get": return get(ctx, call);
    case "get_locked": return getLocked(ctx, call);
    case "put": return put(ctx, call);
    case "put_locked": return putLocked(ctx, call);
    case "find": return find(ctx, call);
    case "attach_data": return attachData(ctx, call);
    case "attach_spid": return attachSpid(ctx, call);
    case "detach_spid": return detachSpid(ctx, call);
    case "find_by_spid": return findBySpid(ctx, call);
    case "register_notifier": return registerNotifier(ctx, call);
    case "unregister_notifier": return unregisterNotifier(ctx, call);
    case "register_notifier_mm": return registerNotifierMm(ctx, call);
    case "unregister_notifier_mm": return unregisterNotifierMm(ctx, call);
    case "notify": return notify(ctx, call);
    case "register_allocator": return registerAllocator(ctx, call);
    case "unregister_allocator": return unregisterAllocator(ctx, call);
  }
}
