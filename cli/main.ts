/**
 * The `ioasid-check` entry point: parse, dispatch, set the exit code (0 pass, 1 counterexample,
 * 2 usage or input error). Nothing ends in a stack trace: a usage or input error is one line on
 * stderr, and a reader that closes stdout early (`| head`) ends the output quietly.
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

/** A closed stdout (EPIPE: `ioasid-check ... | head`) ends the output, not the process with a stack trace. */
let stdoutClosed = false;
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code !== "EPIPE") throw e;
  stdoutClosed = true;
});

const print = (s: string) => {
  if (!stdoutClosed) process.stdout.write(`${s}\n`);
};

/** One line, whatever the message holds. */
const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, " ").trim();

const main = async (argv: readonly string[]): Promise<number> => {
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
      process.stderr.write(`ioasid-check: ${oneLine(e.message)} (see ioasid-check --help)\n`);
      return 2;
    }
    if (e instanceof TraceFileError || e instanceof StoreWriteError) {
      process.stderr.write(`ioasid-check: ${oneLine(e.message)}\n`);
      return 2;
    }
    if (e instanceof ModuleError || e instanceof ModuleFailure || e instanceof ExecFailure || e instanceof KernelCError) {
      process.stderr.write(`ioasid-check: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`ioasid-check: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
};

process.exitCode = await main(process.argv.slice(2));
