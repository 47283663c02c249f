/**
 * The command line as a function: parse, dispatch, and the exit code (0 pass, 1 counterexample,
 * 2 usage or input error), with output through `io` so tests can run it in-process (the hostile
 * input table does). A usage or input error is one line on `io.error`; nothing ends in a stack trace.
 */
import { match } from "ts-pattern";
import { parseRequest, UsageError } from "./args.js";
import { USAGE } from "./usage.js";
import { runCommand } from "./run-command.js";
import { replayCommand } from "./replay-command.js";
import { mergeCommand } from "./merge-command.js";
import { showCommand } from "./show-command.js";
import { shrinkCommand } from "./shrink-command.js";
import { validateCommand } from "./validate-command.js";
import { exploreCommand } from "./explore-command.js";
import { ModuleError } from "../targets/module/load-module.js";
import { ModuleFailure } from "../targets/module/module-session.js";
import { ExecFailure } from "../targets/exec/index.js";
import { KernelCError } from "../targets/kernel-c/index.js";
import { StoreWriteError, TraceFileError } from "../counterexamples/store.js";

/** Where the command line writes: results (stdout) and error lines (stderr). */
export interface CliIo {
  readonly print: (s: string) => void;
  readonly error: (s: string) => void;
}

/** One line, whatever the message holds. */
const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, " ").trim();

/** Run the command line `argv` (without node and the script); the exit code. */
export const cliMain = async (argv: readonly string[], io: CliIo): Promise<number> => {
  const print = io.print;
  try {
    if (argv[0] === "explore" && !argv.includes("--help")) return await exploreCommand(argv.slice(1), print);
    const req = parseRequest(argv);
    return await match(req)
      .with({ kind: "help" }, () => {
        print(USAGE);
        return 0;
      })
      .with({ kind: "run" }, (r) => runCommand(r, print))
      .with({ kind: "replay" }, (r) => replayCommand(r, print))
      .with({ kind: "merge" }, (r) => mergeCommand(r.files, r.json, print))
      .with({ kind: "show" }, (r) => showCommand(r, print))
      .with({ kind: "shrink" }, (r) => shrinkCommand(r, print))
      .with({ kind: "validate" }, (r) => validateCommand(r, print))
      .exhaustive();
  } catch (e) {
    if (e instanceof UsageError) {
      io.error(`ioasid-check: ${oneLine(e.message)} (see ioasid-check --help)`);
      return 2;
    }
    if (e instanceof TraceFileError || e instanceof StoreWriteError) {
      io.error(`ioasid-check: ${oneLine(e.message)}`);
      return 2;
    }
    if (e instanceof ModuleError || e instanceof ModuleFailure || e instanceof ExecFailure || e instanceof KernelCError) {
      io.error(`ioasid-check: ${e.message}`);
      return 2;
    }
    io.error(`ioasid-check: internal error: ${oneLine(e instanceof Error ? e.message : String(e))}`);
    return 2;
  }
};

