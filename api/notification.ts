/**
 * Notification vocabulary: events, priorities, and one delivery to one notifier.
 *
 * Rules:
 *  1. Priority order, highest first: CPU > DEVICE > IOMMU > LAST.
 *  2. A delivery names the event, the host ID, its SPID (or null), the owning set, and the
 *     notifier that received it.
 */
import * as t from "io-ts";

/** Codec of an IOASID event. */
export const IoasidEvent = t.keyof({ ALLOC: null, FREE: null, BIND: null, UNBIND: null });
export type IoasidEvent = t.TypeOf<typeof IoasidEvent>;

/** Every event kind, for coverage tables. */
export const ALL_EVENTS: readonly IoasidEvent[] = ["ALLOC", "FREE", "BIND", "UNBIND"];

/** Codec of a notifier priority. */
export const Priority = t.keyof({ CPU: null, DEVICE: null, IOMMU: null, LAST: null });
export type Priority = t.TypeOf<typeof Priority>;

/** Numeric rank of a priority: higher is delivered first. */
export const PRIORITY_RANK: Readonly<Record<Priority, number>> = { CPU: 3, DEVICE: 2, IOMMU: 1, LAST: 0 };

/** Codec of one notification delivered to one notifier. */
export const Delivery = t.readonly(
  t.type({
    event: IoasidEvent,
    id: t.number,
    spid: t.union([t.number, t.null]),
    set: t.number,
    notifier: t.string,
  }),
);
export type Delivery = t.TypeOf<typeof Delivery>;
