/**
 * An implementation module for `ioasid-check validate --impl`: `createCore(config)` returns an
 * IoasidCore that allocates cyclically (here: the bundled core's cyclic policy).
 */
import type { IoasidCore } from "../../api/core.js";
import { createImplCore } from "../../impl/index.js";

/** The module contract: a fresh core for the suite's configuration. */
export const createCore = (config: { readonly capacity: number }): IoasidCore => createImplCore({ capacity: config.capacity, policy: "cyclic" });
