/**
 * Test helper: read back a table rendered by table.ts (header cells, and each physical line's
 * marker and cells), so tests check the text a person sees.
 */

/** One physical line of the table body. */
export interface TableLine {
  readonly marker: string;
  readonly label: string;
  readonly cells: readonly string[];
  readonly raw: string;
}

/** The header cells and the body lines of a rendered table. */
export const parseTable = (text: string): { readonly header: readonly string[]; readonly body: readonly TableLine[] } => {
  const lines = text.split("\n");
  const headerAt = lines.findIndex((l) => /^\s+step\s+\|/.test(l));
  if (headerAt < 0) throw new Error("no header line");
  const split = (l: string): string[] => l.slice(3).split("|").map((c) => c.trim());
  const header = split(lines[headerAt] ?? "");
  const body: TableLine[] = [];
  for (const l of lines.slice(headerAt + 2)) {
    if (l.trim() === "") break;
    const cells = split(l);
    body.push({ marker: l.slice(0, 2), label: cells[0] ?? "", cells: cells.slice(1), raw: l });
  }
  return { header, body };
};
