/**
 * The cores every scenario runs on. Each entry: a name and a factory of a fresh core.
 */
import type { IoasidCore } from "../../api/core.js";
import { SpecCore } from "../../spec/spec-core.js";
import { createImplCore } from "../../impl/index.js";

/** [name, factory] pairs for describe.each. */
export const CORES: ReadonlyArray<readonly [string, () => IoasidCore]> = [
  ["spec", () => new SpecCore()],
  ["impl", () => createImplCore()],
  ["impl (cyclic)", () => createImplCore({ policy: "cyclic" })],
];
