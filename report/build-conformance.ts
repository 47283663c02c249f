/**
 * The conformance section from the conformance ledger (properties/conformance/ledger.ts).
 *
 * Rules:
 *  1. One row per ruling D1, D2, ...; the claims that deliberately do not hold (N1, ...) are
 *     never exercised by tagging and are left out.
 *  2. A row's departing steps are its exercised steps that did not agree; its traces are every
 *     departure's traces, each once, in order.
 */
import type { DecisionConformance } from "../properties/conformance/ledger.js";
import type { ConformanceSection } from "./types.js";

/** Rules 1 and 2. */
export const conformanceSection = (target: string, rows: readonly DecisionConformance[]): ConformanceSection => ({
  target,
  rows: rows.filter((r) => /^D\d+$/.test(r.id)).map((r) => ({
    id: r.id, topic: r.topic, exercised: r.exercised, departs: Math.max(0, r.exercised - r.agreed),
    departures: r.departures.map((d) => ({ class: d.class, detail: d.detail })),
    traces: [...new Set(r.departures.flatMap((d) => d.traces))],
  })),
});
