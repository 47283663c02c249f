/**
 * impl/: the optimized, kernel-shaped IOASID core. Imports only from ../api/.
 */
import type { IoasidCore } from "../api/core.js";
import { ImplCore, type ImplOptions } from "./core.js";

export { ImplCore } from "./core.js";
export type { CoreStats, IdInfo, ImplOptions, SetInfo } from "./core.js";
export { IdBitmap, NAMESPACE_BITS } from "./bitmap.js";

/** A fresh optimized core. Throws RangeError only for malformed options. */
export const createImplCore = (options?: ImplOptions): IoasidCore => new ImplCore(options);
