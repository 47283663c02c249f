/**
 * A deliberately broken driver: one realistic bug class, and a sentence on what it breaks. The
 * system suite's self-test must catch each one.
 */
import type { DriverSet } from "../../../hw-model/system/drivers.js";

export interface DriverMutant {
  readonly name: string;
  readonly breaks: string;
  readonly drivers: DriverSet;
}
