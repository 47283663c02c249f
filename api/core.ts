/**
 * The core-under-test interface: the kernel-shaped API that the spec's wrapper, `impl/` and any
 * user implementation provide. It is small and stable on purpose; see docs in the README.
 *
 * Rules:
 *  1. No method throws, whatever its arguments: failures are `Err` results and leave the core
 *     unchanged.
 *  2. Handlers are called synchronously, in delivery order, with the core lock held. Inside a
 *     handler only the *Locked methods succeed; every other method returns EDEADLK. Outside a
 *     handler the *Locked methods return EINVAL (the lock is not held).
 *  3. A set argument of null means "any set" where the method documents it.
 *  4. Which free ID `alloc` returns, and which handle `allocSet` returns, is the
 *     implementation's choice; the spec accepts any valid one.
 */
import type { Token, Getter, PrivateData } from "./commands.js";
import type { Delivery, IoasidEvent, Priority } from "./notification.js";
import type { CallResult } from "./result.js";
import type { Introspection } from "./introspection.js";
import type { FaultInjection } from "./faults.js";

/** A notifier handler: called with the delivery and the core it may call back (locked calls). */
export type Handler = (delivery: Delivery, core: IoasidCore) => void;

/** A notifier block: a unique name, a priority, and the handler. */
export interface NotifierBlock {
  readonly name: string;
  readonly priority: Priority;
  readonly handler: Handler;
}

/**
 * Custom allocator operations. Two ops whose `alloc` and `free` are the same functions share one
 * ID space. `alloc` returns a free ID in [min, max] or INVALID_IOASID.
 */
export interface AllocatorOps {
  readonly name: string;
  readonly alloc: (min: number, max: number) => number;
  readonly free: (id: number) => void;
}

/**
 * What a checker may see of one live ID: not kernel API, but read-only introspection so that
 * suites can compare reference counts and states with the spec. Allowed in any context.
 */
export interface IdView {
  readonly state: "ALLOCATED" | "FREE_PENDING";
  readonly refs: number;
  readonly set: number;
  readonly spid: number | null;
}

/**
 * The IOASID core as seen by its callers. The optional introspection of sets, capacity,
 * notifiers and allocators (api/introspection.ts) is inherited from `Introspection`, the
 * optional fault injection (api/faults.ts) from `FaultInjection`.
 */
export interface IoasidCore extends Introspection, FaultInjection {
  /** Create a set. Ok(handle). EINVAL bad token/quota, EEXIST MM token in use, ENOSPC beyond capacity. */
  allocSet(token: Token, quota: number): CallResult;
  /** Change a set's quota. EBUSY below the IDs it holds, ENOSPC beyond capacity. */
  adjustSet(set: number, quota: number): CallResult;
  setGet(set: number): CallResult;
  setGetLocked(set: number): CallResult;
  /** Drop a set reference; the last one frees every ID of the set. */
  setPut(set: number): CallResult;
  setPutLocked(set: number): CallResult;
  /** Ok(the set's allocated, not freed IDs, ascending). */
  forEachIoasid(set: number): CallResult;
  /** Ok(id) with one reference. EDQUOT set full, ENOSPC no free ID in range. */
  alloc(set: number, min: number, max: number, data: PrivateData): CallResult;
  /** Always succeeds for the owner; a second free is a no-op. */
  free(set: number | null, id: number): CallResult;
  get(set: number | null, id: number): CallResult;
  getLocked(set: number | null, id: number): CallResult;
  put(set: number | null, id: number): CallResult;
  putLocked(set: number | null, id: number): CallResult;
  /** Ok(private data), no reference taken. */
  find(set: number | null, id: number, getter: Getter): CallResult;
  attachData(set: number | null, id: number, data: PrivateData): CallResult;
  attachSpid(set: number | null, id: number, spid: number): CallResult;
  detachSpid(set: number | null, id: number): CallResult;
  /** Ok(host id), taking a reference. */
  findBySpid(set: number | null, spid: number): CallResult;
  /** Register on the global chain (set null) or on a set's chain. */
  registerNotifier(set: number | null, nb: NotifierBlock): CallResult;
  unregisterNotifier(set: number | null, name: string): CallResult;
  /** Register for the MM set of `mm`; pending until that set exists. */
  registerNotifierMm(mm: number, nb: NotifierBlock): CallResult;
  unregisterNotifierMm(mm: number, name: string): CallResult;
  /** Publish BIND or UNBIND for a device bind (first BIND and last UNBIND are delivered). */
  notify(set: number | null, id: number, event: IoasidEvent): CallResult;
  registerAllocator(ops: AllocatorOps): CallResult;
  unregisterAllocator(name: string): CallResult;
  /** Read-only view of a live ID, or null when no such ID exists (introspection, not kernel API). */
  inspectId(id: number): IdView | null;
}
