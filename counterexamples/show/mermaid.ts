/**
 * A Timeline as a Mermaid sequence diagram.
 *
 * Rules:
 *  1. One participant per used actor column, in column order, and the IOASID core; nothing
 *     else is declared. Participant ids are fixed words (VFIO, IOMMU, KVM, VDCM, Guest,
 *     Process, Core) or N1, N2... for notifier-named columns, with the column as alias.
 *  2. One message per row, prefixed with its step label: an actor's call goes to Core, a
 *     delivery from Core to its receiver, a return back dashed, an action from its issuer to
 *     its target; a non-empty core effect follows in brackets.
 *  3. After a step whose PASID's Ref changed, a `Note over Core` gives the new Ref.
 *  4. The diverging step is wrapped in `rect rgb(255, 220, 220)` ... `end`, closed by a note
 *     carrying the violation; a teardown row is a note across every participant.
 *  5. Text is made safe for Mermaid: no `;` (statement separator), `#` (entity escape), quotes,
 *     angle brackets or line breaks inside a message; arrows in text become → and ←.
 */
import type { Timeline, TimelineRow, TimelineStep } from "./types.js";
import { CORE_COLUMN, REF_COLUMN } from "./types.js";
import { refText } from "./text.js";

const FIXED_IDS: ReadonlyMap<string, string> = new Map([
  ["VFIO", "VFIO"], ["IOMMU", "IOMMU"], ["KVM", "KVM"], ["VDCM", "VDCM"], ["guest", "Guest"], ["process", "Process"], [CORE_COLUMN, "Core"],
]);

/** Rule 5. */
export const mermaidText = (s: string): string => {
  const out = s
    .replace(/->/g, "→")
    .replace(/<-/g, "←")
    .replace(/;/g, ",")
    .replace(/#/g, "no. ")
    .replace(/["`]/g, "")
    .replace(/'/g, "’")
    .replace(/</g, "‹")
    .replace(/>/g, "›")
    .replace(/%%/g, "%")
    .replace(/\s+/g, " ")
    .trim();
  return out === "" ? "-" : out;
};

/** Several lines as one note text. */
const noteText = (lines: readonly string[]): string => lines.map(mermaidText).join("<br/>");

const violationLines = (t: Timeline): readonly string[] => {
  const v = t.violation;
  if (v === null) return [];
  const where = v.at === null ? `step ${v.step + 1}` : v.at === "teardown" ? "teardown / leak check" : `step ${v.at}`;
  return [`violation at ${where} (${v.kind}):`, ...v.detail.split("\n")];
};

const stepRefNote = (s: TimelineStep | undefined): string | null => {
  if (s === undefined || s.pasid === null || s.refAfter === null) return null;
  const before = s.refBefore === null ? "" : refText(s.refBefore);
  const after = refText(s.refAfter);
  return before === after ? null : `Ref of ${s.pasid}: ${after}`;
};

/** Rules 1 to 5. */
export const renderMermaid = (t: Timeline): string => {
  const noteCore = t.steps.some((s) => stepRefNote(s) !== null);
  const actors = t.used.filter((c) => c !== REF_COLUMN);
  const participants = noteCore && !actors.includes(CORE_COLUMN) ? [...actors, CORE_COLUMN] : actors.length === 0 ? [CORE_COLUMN] : actors;
  const ids = new Map<string, string>();
  let extra = 0;
  for (const c of participants) ids.set(c, FIXED_IDS.get(c) ?? `N${++extra}`);
  const id = (c: string): string => ids.get(c) ?? "Core";
  const first = id(participants[0] ?? CORE_COLUMN);
  const last = id(participants.at(-1) ?? CORE_COLUMN);
  const span = first === last ? first : `${first},${last}`;
  const out: string[] = ["sequenceDiagram"];
  for (const c of participants) out.push(id(c) === c ? `    participant ${c}` : `    participant ${id(c)} as ${mermaidText(c)}`);
  const message = (r: TimelineRow): string => {
    if (r.kind === "teardown") return `Note over ${span}: ${mermaidText(`${r.message}${r.effect === "" ? "" : ` [${r.effect}]`}`)}`;
    const text = mermaidText(`${r.label} ${r.message}${r.effect === "" ? "" : ` [${r.effect}]`}`);
    return `${id(r.from)}${r.kind === "return" ? "-->>" : "->>"}${id(r.to)}: ${text}`;
  };
  let inRect = false;
  const close = (): void => {
    const lines = violationLines(t);
    if (lines.length > 0) out.push(`        Note over ${span}: ${noteText(lines)}`);
    out.push("    end");
    inRect = false;
  };
  for (const [i, r] of t.rows.entries()) {
    if (r.diverging && !inRect) {
      out.push("    rect rgb(255, 220, 220)");
      inRect = true;
    }
    out.push(`${inRect ? "        " : "    "}${message(r)}`);
    const next = t.rows[i + 1];
    if (next === undefined || next.step !== r.step) {
      const note = stepRefNote(t.steps.find((s) => s.step === r.step));
      if (note !== null) out.push(`${inRect ? "        " : "    "}Note over Core: ${mermaidText(note)}`);
      if (inRect && (next === undefined || !next.diverging)) close();
    }
  }
  if (t.violation !== null && t.violation.at === null) out.push(`    Note over ${span}: ${noteText(violationLines(t))}`);
  return `${out.join("\n")}\n`;
};
