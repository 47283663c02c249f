/**
 * The `ioasid-check` entry point: parse, dispatch, set the exit code (0 pass, 1 counterexample,
 * 2 usage or input error). Nothing ends in a stack trace.
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
import { TraceFileError } from "../counterexamples/store.js";

const print = (s: string) => process.stdout.write(`${s}\n`);

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
      .with({ kind: "replay" }, (r) => replayCommand(r.files, r.json, print))
      .with({ kind: "merge" }, (r) => mergeCommand(r.files, r.json, print))
      .with({ kind: "show" }, (r) => showCommand(r.file, r.format, print))
      .with({ kind: "shrink" }, (r) => shrinkCommand(r.file, r.out, r.json, print))
      .with({ kind: "validate" }, (r) => validateCommand(r, print))
      .exhaustive();
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`ioasid-check: ${e.message}\nRun 'ioasid-check --help' for usage.\n`);
      return 2;
    }
    if (e instanceof TraceFileError || e instanceof ModuleError || e instanceof ModuleFailure || e instanceof ExecFailure || e instanceof KernelCError) {
      process.stderr.write(`ioasid-check: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`ioasid-check: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
};

process.exitCode = await main(process.argv.slice(2));
