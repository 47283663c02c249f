/**
 * The diverging step's two sides, from the violation a trace records.
 *
 * Rules:
 *  1. A core outcome divergence ("expected\n...\nactual\n...") splits into its two outcomes.
 *  2. A core state divergence ("ID n: spec has X, the core has Y") splits into the spec's view
 *     and the core's view of that ID.
 *  3. Two systems that disagree (agreement) split into what each recorded. Any other system
 *     property violation states the property on the expected side and what was found
 *     on the actual side (the detail without its "property: " prefix).
 *  4. Anything else (a choice the spec refused, a broken invariant, a crash, an unknown kind):
 *     the expected side says what the spec requires in general, the actual side is the detail.
 */
import type { Violation } from "../counterexamples/trace.js";
import type { ExpectedActual } from "./types.js";

/** What each system property demands (rule 3), in the words of the system suite's checks. */
const SYSTEM_PROPERTIES: Readonly<Record<string, string>> = {
  refcount: "every reference count equals the references the actors hold",
  naming: "every table, cache, work-queue, descriptor or VMCS entry that names a host PASID names a live one owned by that entry's VM or process",
  landing: "every DMA and ENQCMD lands in the issuer's own address space, or faults",
  isolation: "a guest's command changes no ID outside its own set",
  vmcs: "KVM's VMCS table mirrors the GPASIDs bound in the VM",
  leak: "after the teardown nothing is left: no ID, the whole capacity free, no registration, no reference held, every table and cache empty",
  agreement: "the system on the implementation records the same step as the system on the spec",
};

const GENERAL: Readonly<Record<string, string>> = {
  choice: "an allocation choice the spec accepts: a free ID in the requested range, or an unused set handle",
  invariant: "every spec invariant holds after the step",
  crash: "the core answers every call",
  malformed: "a result of the protocol's shape",
};

/** Rules 1 to 4. */
export const expectedActual = (v: Violation): ExpectedActual => {
  const outcome = /^expected\n([\s\S]*?)\nactual\n([\s\S]*)$/.exec(v.detail);
  if (outcome !== null) return { expected: outcome[1] ?? "", actual: outcome[2] ?? "" };
  const state = /^ID (\S+): spec has (.*), the core has (.*)$/s.exec(v.detail);
  if (state !== null) return { expected: `ID ${state[1] ?? ""}: ${state[2] ?? ""}`, actual: `ID ${state[1] ?? ""}: ${state[3] ?? ""}` };
  const twins = /^(?:agreement: )?the systems diverge: on the spec (.*), on the core under test (.*)$/s.exec(v.detail);
  if (twins !== null) return { expected: `the spec's system records ${twins[1] ?? ""}`, actual: `the core under test's system records ${twins[2] ?? ""}` };
  const property = SYSTEM_PROPERTIES[v.kind];
  const prefix = `${v.kind}: `;
  const detail = v.detail.startsWith(prefix) ? v.detail.slice(prefix.length) : v.detail;
  if (property !== undefined) return { expected: property, actual: detail };
  return { expected: GENERAL[v.kind] ?? `what the spec does at this step (${v.kind})`, actual: detail };
};
