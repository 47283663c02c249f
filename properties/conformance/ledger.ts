/**
 * The conformance ledger: per decision of the table, how often a validation exercised it, how
 * often the core under test agreed with the spec there, and the distinct departures found.
 *
 * Rules:
 *  1. A step that agreed credits every decision it exercised (decision-tags.ts) as agreed; a
 *     step that diverged charges each of its decisions with one departure.
 *  2. Departures are distinct by failure class: the same class found again (another run, another
 *     seed) adds its trace to the existing departure instead of a new one.
 *  3. A decision's status: "departs" when it has a departure, else "agrees" when exercised, else
 *     "not exercised". Rulings that deliberately do not hold (N1..) are listed for the record but
 *     are never exercised by tagging.
 */
import type { Decision } from "../../spec/decisions.js";
import type { DecisionId } from "./decision-tags.js";

/** One distinct departure: its failure class, where it was seen, and the traces that show it. */
export interface Departure {
  readonly class: string;
  readonly detail: string;
  readonly traces: readonly string[];
}

/** The conformance of one decision. */
export interface DecisionConformance {
  readonly id: DecisionId;
  readonly topic: string;
  readonly status: "departs" | "agrees" | "not exercised";
  readonly exercised: number;
  readonly agreed: number;
  readonly departures: readonly Departure[];
}

interface Tally {
  exercised: number;
  agreed: number;
  readonly departures: Map<string, { detail: string; traces: string[] }>;
}

/** Accumulates steps and departures (rules 1, 2). */
export class ConformanceLedger {
  private readonly tallies = new Map<DecisionId, Tally>();

  private tally(id: DecisionId): Tally {
    let t = this.tallies.get(id);
    if (t === undefined) {
      t = { exercised: 0, agreed: 0, departures: new Map() };
      this.tallies.set(id, t);
    }
    return t;
  }

  /** A step that agreed with the spec. */
  agreed(tags: readonly DecisionId[]): void {
    for (const id of tags) {
      const t = this.tally(id);
      t.exercised++;
      t.agreed++;
    }
  }

  /** A step that departed from the spec, with its failure class and the trace showing it (if stored). */
  departed(tags: readonly DecisionId[], cls: string, detail: string, trace: string | null): void {
    for (const id of tags) {
      const t = this.tally(id);
      t.exercised++;
      const d = t.departures.get(cls);
      if (d === undefined) t.departures.set(cls, { detail, traces: trace === null ? [] : [trace] });
      else if (trace !== null && !d.traces.includes(trace)) d.traces.push(trace);
    }
  }

  /** Fold another ledger into this one (chunks, workers). */
  absorb(rows: readonly DecisionConformance[]): void {
    for (const r of rows) {
      const t = this.tally(r.id);
      t.exercised += r.exercised;
      t.agreed += r.agreed;
      for (const d of r.departures) {
        const mine = t.departures.get(d.class);
        if (mine === undefined) t.departures.set(d.class, { detail: d.detail, traces: [...d.traces] });
        else for (const tr of d.traces) if (!mine.traces.includes(tr)) mine.traces.push(tr);
      }
    }
  }

  /** One row per decision of `decisions`, in table order (rule 3). */
  rows(decisions: readonly Decision[]): readonly DecisionConformance[] {
    return decisions.map((d) => {
      const t = this.tallies.get(d.id);
      const departures = t === undefined ? [] : [...t.departures].map(([cls, v]) => ({ class: cls, detail: v.detail, traces: [...v.traces] }));
      const exercised = t?.exercised ?? 0;
      return {
        id: d.id, topic: d.topic, exercised, agreed: t?.agreed ?? 0, departures,
        status: departures.length > 0 ? "departs" : exercised > 0 ? "agrees" : "not exercised",
      };
    });
  }
}

/** The ledger's rows as text, one line per decision: "D4 get on FREE_PENDING: departs, 3 traces". */
export const formatConformance = (rows: readonly DecisionConformance[]): string =>
  rows.map((r) => {
    const traces = r.departures.reduce((n, d) => n + Math.max(1, d.traces.length), 0);
    const what = r.status === "departs"
      ? `departs, ${traces} trace${traces === 1 ? "" : "s"} (${r.departures.map((d) => d.class).join("; ")})`
      : r.status === "agrees" ? `agrees (${r.agreed} steps)` : "not exercised";
    return `${r.id.padEnd(4)} ${r.topic}: ${what}`;
  }).join("\n");
