/**
 * The system suite's coverage gate: the cases a run at the default budget must reach, so a
 * green run shows the dangerous paths were taken.
 *
 * Rules:
 *  1. A case is `op:outcome` (the command kind and its errno, DMA resolution or work kind) or
 *     `op:outcome+tag` with a situation tag (situations.ts) for the combinations that matter.
 *  2. Every case is reached by the bundled implementation at the default budget (the suite's
 *     test enforces it on a fixed seed; `ioasid-check run` on any seed).
 */

/** Outcomes of the dangerous paths. */
const PATHS: readonly string[] = [
  "dma:translated-walk", "dma:translated-cache", "dma:fault-unreported", "enqcmd:translated-walk", "enqcmd:exit",
  "proc_dma:translated-walk", "proc_dma:fault-unreported", "run_work:iommu-teardown", "vcmd_free:ok", "unbind:ENOENT",
  "switch_mm:ok", "mdev_write:EACCES", "kvm_terminate:ok", "vm_destroy:ok",
  "smmu_cd_write:ok", "smmu_dma:translated-walk", "smmu_dma:translated-cache", "smmu_dma:fault",
  "dma_start:ok",
];

/** Capacity and quota edges. */
const QUOTA_EDGES: readonly string[] = [
  "vcmd_alloc:EDQUOT", "vcmd_alloc:EDQUOT+pending", "vm_create:ok+exact-fit", "vm_create:ENOSPC+off-by-one", "vm_create:ENOSPC+whole",
  "vm_create:ok+returned", "proc_open:ENOSPC", "adjust_quota:ok+exact-fit", "adjust_quota:ENOSPC+off-by-one", "adjust_quota:ok+held",
  "adjust_quota:EBUSY+below-held",
];

/** Pairwise combinations on one PASID or set. */
const COMBINATIONS: readonly string[] = [
  "unbind:ok+bound-elsewhere", "vcmd_free:ok+bound-2", "vcmd_free:ok+wqs-2", "vcmd_free:ok+in-flight", "vm_destroy:ok+kvm-alive",
  "run_work:vdcm-clear+in-flight",
];

/** Rule 1. */
export const SYSTEM_GATE: readonly string[] = [...PATHS, ...QUOTA_EDGES, ...COMBINATIONS];
