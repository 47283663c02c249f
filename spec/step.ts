/**
 * Next: one core call applied to the system, dispatched to its action.
 */
import { match } from "ts-pattern";
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

/** Apply one core call. */
export const stepCore = <E>(ctx: StepContext<E>, call: CoreCall): Step<E> =>
  match(call)
    .with({ op: "alloc_set" }, (c) => allocSet(ctx, c))
    .with({ op: "adjust_set" }, (c) => adjustSet(ctx, c))
    .with({ op: "set_get" }, (c) => setGet(ctx, c))
    .with({ op: "set_get_locked" }, (c) => setGetLocked(ctx, c))
    .with({ op: "set_put" }, (c) => setPut(ctx, c))
    .with({ op: "set_put_locked" }, (c) => setPutLocked(ctx, c))
    .with({ op: "for_each_ioasid" }, (c) => forEachIoasid(ctx, c))
    .with({ op: "alloc" }, (c) => alloc(ctx, c))
    .with({ op: "free" }, (c) => free(ctx, c))
    .with({ op: "get" }, (c) => get(ctx, c))
    .with({ op: "get_locked" }, (c) => getLocked(ctx, c))
    .with({ op: "put" }, (c) => put(ctx, c))
    .with({ op: "put_locked" }, (c) => putLocked(ctx, c))
    .with({ op: "find" }, (c) => find(ctx, c))
    .with({ op: "attach_data" }, (c) => attachData(ctx, c))
    .with({ op: "attach_spid" }, (c) => attachSpid(ctx, c))
    .with({ op: "detach_spid" }, (c) => detachSpid(ctx, c))
    .with({ op: "find_by_spid" }, (c) => findBySpid(ctx, c))
    .with({ op: "register_notifier" }, (c) => registerNotifier(ctx, c))
    .with({ op: "unregister_notifier" }, (c) => unregisterNotifier(ctx, c))
    .with({ op: "register_notifier_mm" }, (c) => registerNotifierMm(ctx, c))
    .with({ op: "unregister_notifier_mm" }, (c) => unregisterNotifierMm(ctx, c))
    .with({ op: "notify" }, (c) => notify(ctx, c))
    .with({ op: "register_allocator" }, (c) => registerAllocator(ctx, c))
    .with({ op: "unregister_allocator" }, (c) => unregisterAllocator(ctx, c))
    .exhaustive();
