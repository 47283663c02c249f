/**
 * `--html FILE` of `run` and `validate`: build the report (report/) from what the command has
 * at its end and write it.
 *
 * Rules:
 *  1. The report names the command line as typed (arguments with spaces or quotes re-quoted).
 *  2. Writing goes through a temporary file and a rename: a failed write leaves no half report.
 *  3. A report that cannot be written is one line on stderr naming the file and the reason; the
 *     command's exit code stays 1 when it found a counterexample, else becomes 2. The command's
 *     own output was printed before, so no counterexample is lost.
 */
import { renameSync, writeFileSync } from "node:fs";
import type { ReportData } from "../report/index.js";
import { renderReport } from "../report/index.js";

/** Rule 1. */
export const commandLine = (argv: readonly string[]): string =>
  ["ioasid-check", ...argv.map((a) => (/^[\w./:=@%+,-]+$/.test(a) ? a : `'${a.replaceAll("'", "'\\''")}'`))].join(" ");

/** Rules 2 and 3: write `data` to `file`; the exit code to return given the command's `code`. */
export const writeHtmlReport = (file: string, data: ReportData, code: number, print: (s: string) => void, quiet: boolean): number => {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, renderReport(data));
    renameSync(tmp, file);
  } catch (e) {
    const why = e instanceof Error && "code" in e ? String(e.code) : e instanceof Error ? e.message : String(e);
    process.stderr.write(`ioasid-check: cannot write the HTML report to ${file} (${why})\n`);
    return code === 1 ? 1 : 2;
  }
  if (!quiet) print(`HTML report written to ${file}`);
  return code;
};
