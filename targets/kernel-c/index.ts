/**
 * The kernel C target: an IOASID file of a kernel tree, built with the kit (build.ts) into a
 * program that the exec adapter (targets/exec/) runs like any other implementation process.
 */
export { buildKernelC, hooksFileOf, errnosHeader, KernelCError } from "./build.js";
export type { KernelCBuild, KernelCSource } from "./build.js";
export { compilerCommand, KIT_CFLAGS, KERNEL_FILE_CFLAGS } from "./compiler.js";
export { kitLayout } from "./kit-files.js";
