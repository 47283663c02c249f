/**
 * Test fixtures of the show/ tests: corpus traces and small hand-built core traces.
 */
import type { Command } from "../../api/commands.js";
import type { CoreTrace, Trace } from "../trace.js";
import { readTrace } from "../store.js";

/** A corpus trace by file stem. */
export const corpus = (stem: string): Trace => readTrace(`counterexamples/corpus/${stem}.json`);

/** Every corpus stem. */
export const CORPUS = [
  "core-bind-every-time", "core-get-on-free-pending", "core-order-reversed", "core-reclaim-ignoring-refs", "core-spid-unscoped",
  "system-iommu-skips-tlb-flush", "system-kvm-keeps-refs", "system-kvm-registers-late", "system-vdcm-release-before-clear", "system-vmm-drops-guest-flush",
] as const;

/** A core trace on the spec with no violation (or the one given). */
export const coreTrace = (commands: readonly Command[], values: readonly (number | null)[] = [], violation: CoreTrace["violation"] = null): CoreTrace => ({
  format: "ioasid-check-trace",
  version: 2,
  suite: "core",
  implementation: "spec",
  seed: null,
  path: null,
  capacity: 24,
  commands,
  values,
  violation,
  expect: violation === null ? "pass" : "fail",
  note: "",
});

const FULL = { min: 1, max: 0xfffff, data: null } as const;

/** alloc_set, alloc, get, free, put: Ref 1, 2, 1 (FREE_PENDING), 0. */
export const REF_TRACE = coreTrace([
  { op: "alloc_set", token: { type: "null", value: 0 }, quota: 4 },
  { op: "alloc", set: 1, ...FULL },
  { op: "get", set: 1, id: 1 },
  { op: "free", set: 1, id: 1 },
  { op: "put", set: 1, id: 1 },
], [1, 1, null, null, null]);

/**
 * The design's free-before-unbind shape: KVM takes a reference under the lock on BIND, the VDCM
 * queues a put on FREE, the IOMMU publishes BIND, VFIO frees, the work runs.
 */
export const NESTED_TRACE = coreTrace([
  { op: "register_notifier", set: null, name: "kvm1", priority: "CPU", reaction: { on: ["BIND"], now: ["get_locked"], later: [] } },
  { op: "register_notifier", set: null, name: "vdcm1", priority: "DEVICE", reaction: { on: ["FREE"], now: [], later: ["put"] } },
  { op: "alloc_set", token: { type: "null", value: 0 }, quota: 4 },
  { op: "alloc", set: 1, ...FULL },
  { op: "notify", set: 1, id: 1, event: "BIND" },
  { op: "free", set: 1, id: 1 },
  { op: "run_work" },
], [null, null, 1, 1, null, null, null], { step: 6, kind: "example", detail: "the work; dropped the last reference #1 \"quoted\"" });
