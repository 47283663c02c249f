/**
 * Bug: notifier priorities are read in ascending order (the enum lists LAST first), so delivery
 * runs LAST, IOMMU, DEVICE, CPU.
 */
import { ImplCore } from "../../../impl/core.js";
import type { NotifierBlock } from "../../../api/core.js";
import type { Priority } from "../../../api/notification.js";
import type { CallResult } from "../../../api/result.js";
import type { Mutant } from "./mutant.js";

const INVERTED: Readonly<Record<Priority, Priority>> = { CPU: "LAST", DEVICE: "IOMMU", IOMMU: "DEVICE", LAST: "CPU" };
const invert = (nb: NotifierBlock): NotifierBlock => ({ ...nb, priority: INVERTED[nb.priority] ?? nb.priority });

class OrderReversed extends ImplCore {
  override registerNotifier(set: number | null, nb: NotifierBlock): CallResult {
    return super.registerNotifier(set, invert(nb));
  }
  override registerNotifierMm(mm: number, nb: NotifierBlock): CallResult {
    return super.registerNotifierMm(mm, invert(nb));
  }
}

export const orderReversed: Mutant = {
  name: "order-reversed",
  breaks: "on FREE the IOMMU tears the PASID down before KVM and the VDCM have quiesced the CPU and the device, so in-flight work faults.",
  make: (capacity) => new OrderReversed({ capacity }),
};
